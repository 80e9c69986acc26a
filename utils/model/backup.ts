/**
 * The backup file users export and import: its schema, its name and how a
 * chosen file is read (pure). The API key is never part of it.
 */
import * as z from 'zod/mini';
import { CountRecordSchema, SightingSchema } from './history';
import { EXPORT_COUNTS_MAX, EXPORT_SIGHTINGS_MAX, WATCHLIST_MAX } from './limits';
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
