/** The history Token Insight keeps on the device: selection counts and coins seen on pages. */
import * as z from 'zod/mini';
import { CoinId, Str, Symbol } from './fields';
import { EncodingSchema } from './encoding';
import { EXCERPT_MAX, TITLE_MAX, URL_MAX } from './limits';

/** One selection token count, for the popup's history. */
export const CountRecordSchema = z.object({
  id: z.optional(z.number()),
  time: z.number(),
  url: Str(URL_MAX),
  title: Str(TITLE_MAX),
  encoding: EncodingSchema,
  counts: z.partialRecord(EncodingSchema, z.number()),
  chars: z.number(),
  words: z.number(),
  /** Only stored when the user allows excerpts. */
  excerpt: z.optional(Str(EXCERPT_MAX)),
});
export type CountRecord = z.infer<typeof CountRecordSchema>;

/** Which coin was mentioned on which page, one per page and coin. */
export const SightingSchema = z.object({
  pageUrl: Str(URL_MAX),
  coinId: CoinId,
  symbol: Symbol,
  title: Str(TITLE_MAX),
  count: z.number(),
  time: z.number(),
});
export type Sighting = z.infer<typeof SightingSchema>;

/**
 * The address a page is stored under in the history: http(s) only, without
 * user name, query string and fragment (they carry session ids and reset
 * tokens), and at most `URL_MAX` characters. Null for anything else.
 */
export function historyPageUrl(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.protocol}//${url.host}${url.pathname}`.slice(0, URL_MAX);
}

/**
 * Keeps the rows that fit `schema` and counts the rest, so one damaged row
 * (written by an older version, or by hand) never makes a whole list fail.
 */
export function validRows<T>(schema: z.ZodMiniType<T>, rows: readonly unknown[]): { rows: T[]; skipped: number } {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
  }
  return { rows: out, skipped: rows.length - out.length };
}
