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
