/**
 * The backup file users export and import: its schema, its name and how a
 * chosen file is read (pure). The API key is never part of it.
 */
import * as z from 'zod/mini';
import { CountRecordSchema, SightingSchema } from './history';
import { EXPORT_COUNTS_MAX, EXPORT_SIGHTINGS_MAX, IMPORT_FUTURE_SLACK_MS, WATCHLIST_MAX } from './limits';
import { Str } from './fields';
import { WatchlistEntrySchema } from './watchlist';

/** Everything Token Insight keeps, as written by "Export data". */
export const DataExportSchema = z.object({
  format: z.literal('token-insight-export'),
  version: z.literal(1),
  exportedAt: z.number(),
  /** The settings object; unknown or invalid fields fall back to defaults on import. */
  settings: z.record(z.string(), z.unknown()),
  watchlist: z.array(WatchlistEntrySchema).check(z.maxLength(WATCHLIST_MAX)),
  counts: z.array(CountRecordSchema).check(z.maxLength(EXPORT_COUNTS_MAX)),
  sightings: z.array(SightingSchema).check(z.maxLength(EXPORT_SIGHTINGS_MAX)),
});
export type DataExport = z.infer<typeof DataExportSchema>;

/** `token-insight-2026-11-29.json` (the local date). */
export function backupFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `token-insight-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

export type ParsedBackup = { ok: true; data: DataExport } | { ok: false; reason: 'not-json' | 'not-backup'; detail: string };

/** Reads a file's text as a Token Insight backup, saying why when it is not one. */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = DataExportSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'not-backup', detail: z.prettifyError(parsed.error) };
  return { ok: true, data: parsed.data };
}

/** Settings an import changes only when the user ticks them in the preview: where prices (and the key) go. */
export const PRICE_API_FIELDS = ['apiBaseUrl', 'apiPlan'] as const;

const SettingChange = z.object({ field: Str(60), from: Str(600), to: Str(600) });

/** What importing a file will do, shown before anything is written. */
export const ImportPreviewSchema = z.object({
  /** Coins the watchlist will hold (it is replaced). */
  watchlist: z.int(),
  counts: z.int(),
  sightings: z.int(),
  /** Records dropped for impossible times (future-dated, negative). */
  dropped: z.int(),
  /** Settings the file changes (only fields it has and that are valid). */
  settings: z.array(SettingChange),
  /** Price API changes, applied only when the user confirms them. */
  priceApi: z.array(SettingChange),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** Whether a record's time is possible: not in the future (beyond a day of clock skew), not negative. */
export function plausibleTime(time: number, now: number): boolean {
  return Number.isFinite(time) && time >= 0 && time <= now + IMPORT_FUTURE_SLACK_MS;
}
