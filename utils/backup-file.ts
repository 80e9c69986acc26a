/** The backup file users export and import: its name and how a chosen file is read (pure). */
import * as z from 'zod/mini';
import { DataExportSchema, type DataExport } from './messages';

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
