/**
 * The token view (entrypoints/tokens): a text shown split into its tokens,
 * kept by the background in the browser's session memory under a random id
 * while its tab is open; and the counts of a page's text for the popup.
 */
import * as z from 'zod/mini';
import { Str } from './fields';
import { PackedInts } from '@/utils/protocol/packed';
import { EncodingSchema } from './encoding';
import { TEXT_MAX_CHARS, TITLE_MAX, TOKEN_VIEW_PIECES_PER_ANSWER } from './limits';

/** A view's id: 32 random hex digits. */
export const TokenViewId = z.string().check(z.regex(/^[0-9a-f]{32}$/));

/**
 * What the text is: a selection, or a page's readable text (the main article,
 * as a reader view extracts it) or its whole visible text.
 */
export const TokenViewKindSchema = z.enum(['selection', 'readable', 'visible']);
export type TokenViewKind = z.infer<typeof TokenViewKindSchema>;

export const TokenViewSchema = z.object({
  text: z.string().check(z.maxLength(TEXT_MAX_CHARS)),
  /** The page's title (shown as text). */
  title: Str(TITLE_MAX),
  kind: TokenViewKindSchema,
  /** For a page's text: the view of its other text (readable ↔ visible), when there is one. */
  other: z.nullable(TokenViewId),
  /** When it was opened (ms). */
  created: z.number(),
});
export type TokenView = z.infer<typeof TokenViewSchema>;

/**
 * Part of a view's text split into tokens: pieces `from` … (see
 * utils/tokens/token-split.ts; offsets and token indexes are the whole
 * split's), with their tokens' ids, each list packed (utils/protocol/packed.ts);
 * `next` is the first piece of the next part, or null after the last.
 */
export const TokenSplitPartSchema = z.object({
  encoding: EncodingSchema,
  /** Tokens in the whole text. */
  tokens: z.int(),
  /** Visible pieces in the whole text. */
  pieces: z.int(),
  from: z.int(),
  ids: PackedInts(TOKEN_VIEW_PIECES_PER_ANSWER * 64),
  pieceEnds: PackedInts(TOKEN_VIEW_PIECES_PER_ANSWER),
  pieceTokenEnds: PackedInts(TOKEN_VIEW_PIECES_PER_ANSWER),
  next: z.nullable(z.int()),
});
export type TokenSplitPart = z.infer<typeof TokenSplitPartSchema>;

/** A page's texts as the content script extracts them. */
export const PageTextSchema = z.object({
  title: Str(TITLE_MAX),
  /** The main article (Readability), or null when the page has none it recognises. */
  readable: z.nullable(z.string().check(z.maxLength(TEXT_MAX_CHARS))),
  /** Everything the page shows as text (`innerText` of the body). */
  visible: z.string().check(z.maxLength(TEXT_MAX_CHARS)),
});
export type PageText = z.infer<typeof PageTextSchema>;

const TextCount = z.object({ tokens: z.int(), chars: z.int() });

/** The popup's "This page" line: both texts counted in the default encoding. */
export const PageCountSchema = z.object({
  title: Str(TITLE_MAX),
  encoding: EncodingSchema,
  readable: z.nullable(TextCount),
  visible: TextCount,
});
export type PageCount = z.infer<typeof PageCountSchema>;
