/**
 * The request table: every request the content script, popup and options page
 * can make to the background, and every request the background can make to a
 * tab's content script, each with its payload and answer schemas and the
 * contexts allowed to send it. Validation lives in `validate.ts`, the browser
 * wiring in `bus.ts`, the entities in `utils/model/`.
 */
import * as z from 'zod/mini';
import { CoinRefSchema } from '@/utils/model/coin';
import { CoinId, NonEmpty, Str, Symbol } from '@/utils/model/fields';
import { EncodingSchema } from '@/utils/model/encoding';
import { ENCODINGS } from '@/utils/tokens/encodings';
import { CountRecordSchema, SightingSchema } from '@/utils/model/history';
import { DataExportSchema, ImportPreviewSchema } from '@/utils/model/backup';
import { COINS_PER_REQUEST, LIVE_EDIT_MAX_CHARS, SIGHTED_COINS_MAX, TEXT_MAX_CHARS, TITLE_MAX } from '@/utils/model/limits';
import {
  PageCountSchema,
  PageTextSchema,
  TokenSplitPartSchema,
  TokenViewId,
  TokenViewSchema,
} from '@/utils/model/token-view';
import { QuoteErrorSchema, QuoteSchema } from '@/utils/model/quote';
import { WatchlistEntrySchema } from '@/utils/model/watchlist';
import { API_KEY_MAX, ApiKeyStatusSchema } from '@/utils/model/api-key';
import { CategoryCoinSchema, RegistryStatusSchema } from '@/utils/model/registry';
import { CATEGORY_COINS_MAX } from '@/utils/model/limits';
import type { RequestDef } from './validate';

const PingAnswer = z.object({
  nonce: z.string(),
  sender: z.enum(['content', 'extension']),
  tabId: z.nullable(z.int()),
  receivedAt: z.number(),
});

const SightedCoin = z.object({ coinId: CoinId, symbol: Symbol, count: z.int().check(z.minimum(1)) });

/**
 * Requests answered by the background. Each capability owns its block:
 * foundation (ping, watchlist, history), prices (quotes.*, coins.*),
 * tokens (tokens.*), token view (tokenView.*, page.*), mentions (sightings.*), popup (data.*).
 */
export const backgroundRequests = {
  /** Health check and round-trip test: the background echoes the nonce. */
  ping: {
    from: ['content', 'extension'],
    payload: z.object({ nonce: Str(200) }),
    answer: PingAnswer,
  },

  // --- watchlist -----------------------------------------------------------
  /** The watchlist in the user's order. */
  'watchlist.list': {
    from: ['content', 'extension'],
    payload: z.object({}),
    answer: z.array(WatchlistEntrySchema),
  },

  /** Adds a coin (from the popup's search or the card's ★); no-op if present. Owner: popup. */
  'watchlist.add': {
    from: ['content', 'extension'],
    payload: CoinRefSchema,
    answer: z.array(WatchlistEntrySchema),
  },
  /** Owner: popup. */
  'watchlist.remove': {
    from: ['content', 'extension'],
    payload: z.object({ coinId: CoinId }),
    answer: z.array(WatchlistEntrySchema),
  },
  /** Moves a coin to `index` in the user's order. Owner: popup. */
  'watchlist.move': {
    from: ['extension'],
    payload: z.object({ coinId: CoinId, index: z.int().check(z.minimum(0)) }),
    answer: z.array(WatchlistEntrySchema),
  },

  // --- prices ------------------------------------------------------------------
  /**
   * Quotes for coins in the user's currency. Answers from the IndexedDB cache
   * at once when it has the coin (`stale` tells whether it is older than the
   * TTL); with `wait: true` it waits for a refresh of stale or missing coins.
   * Requests from all tabs are coalesced into one API call. Owner: prices.
   */
  'quotes.get': {
    from: ['content', 'extension'],
    payload: z.object({
      coinIds: z.array(CoinId).check(z.minLength(1), z.maxLength(COINS_PER_REQUEST)),
      wait: z.optional(z.boolean()),
    }),
    answer: z.object({
      currency: NonEmpty(10),
      quotes: z.array(z.object({ coinId: CoinId, quote: z.nullable(QuoteSchema), stale: z.boolean() })),
      /** The last fetch failed (the quotes above are then the last known ones, if any). */
      error: z.nullable(QuoteErrorSchema),
    }),
  },
  /** Coin search (CoinGecko /search) for adding to the watchlist. Owner: prices. */
  'coins.search': {
    from: ['extension'],
    payload: z.object({ query: NonEmpty(100) }),
    answer: z.object({
      coins: z.array(
        z.extend(CoinRefSchema, { rank: z.nullable(z.int()) }),
      ).check(z.maxLength(50)),
    }),
  },

  /** Forgets every price-API pause (backoff) so prices are asked again at once: the settings' reset. Owner: prices. */
  'prices.reset': {
    from: ['extension'],
    payload: z.object({}),
    answer: z.object({ reset: z.boolean() }),
  },
  /**
   * The API key: whether one is set and for which origin, never the key
   * itself. Only extension pages may ask, set or confirm it; the key lives
   * where content scripts cannot read it. Owner: prices.
   */
  'apiKey.status': {
    from: ['extension'],
    payload: z.object({}),
    answer: ApiKeyStatusSchema,
  },
  /** Saves the key bound to the origin prices are asked from now (HTTPS only); an empty key clears it. */
  'apiKey.set': {
    from: ['extension'],
    payload: z.object({ key: Str(API_KEY_MAX) }),
    answer: ApiKeyStatusSchema,
  },
  /** Binds the saved key to the origin prices are asked from now, after the base URL or plan changed. */
  'apiKey.confirm': {
    from: ['extension'],
    payload: z.object({}),
    answer: ApiKeyStatusSchema,
  },

  // --- the living registry (AI categories) -------------------------------------
  /** The AI categories' coins the detector adds to the curated list (none when categories are off). Owner: prices. */
  'registry.coins': {
    from: ['content', 'extension'],
    payload: z.object({}),
    answer: z.object({ coins: z.array(CategoryCoinSchema).check(z.maxLength(CATEGORY_COINS_MAX)) }),
  },
  /** The registry's size, age and last error, for the settings. Owner: prices. */
  'registry.status': {
    from: ['extension'],
    payload: z.object({}),
    answer: RegistryStatusSchema,
  },
  /** "Update now": fetches the category lists (through the price API's backoff) and answers the new status. Owner: prices. */
  'registry.refresh': {
    from: ['extension'],
    payload: z.object({}),
    answer: RegistryStatusSchema,
  },

  // --- history (counts and sightings) -------------------------------------
  /** Recent selection counts, newest first. */
  'history.counts': {
    from: ['extension'],
    payload: z.object({ limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))) }),
    answer: z.array(CountRecordSchema),
  },
  /** Coins seen on pages since `since` (ms), newest first. */
  'history.sightings': {
    from: ['extension'],
    payload: z.object({ since: z.optional(z.number()) }),
    answer: z.array(SightingSchema),
  },
  'history.clear': {
    from: ['extension'],
    payload: z.object({ what: z.enum(['counts', 'sightings', 'all']) }),
    answer: z.object({ cleared: z.boolean() }),
  },

  // --- data (popup / options) --------------------------------------------------
  /** All stored data as one JSON-able object, for a backup file. Owner: popup. */
  'data.export': {
    from: ['extension'],
    payload: z.object({}),
    answer: DataExportSchema,
  },
  /** What importing a backup would change (watchlist, history, settings, price API), writing nothing. Owner: popup. */
  'data.preview': {
    from: ['extension'],
    payload: DataExportSchema,
    answer: ImportPreviewSchema,
  },
  /**
   * Restores a backup: replaces the watchlist, merges history, changes the
   * settings the file has. The price API base URL and plan change only with
   * `applyPriceApi` (the user confirmed them in the preview). Owner: popup.
   */
  'data.import': {
    from: ['extension'],
    payload: z.extend(DataExportSchema, { applyPriceApi: z.optional(z.boolean()) }),
    answer: z.object({ watchlist: z.int(), counts: z.int(), sightings: z.int(), dropped: z.optional(z.int()) }),
  },

  // --- tokens -----------------------------------------------------------------
  /**
   * Exact token counts of a text, counted in the background (the text never
   * leaves the device). A new request from the same tab cancels the previous
   * one; progress is pushed to the tab as `tokens.progress`. Owner: tokens.
   */
  'tokens.count': {
    from: ['content', 'extension'],
    payload: z.object({
      requestId: NonEmpty(100),
      text: z.string().check(z.maxLength(TEXT_MAX_CHARS)),
      /** Each encoding once (at most all of them); the first is the badge's, recorded in the history. */
      encodings: z.array(EncodingSchema).check(z.minLength(1), z.maxLength(ENCODINGS.length), z.refine((list) => new Set(list).size === list.length)),
      /** The text is what was sent before with `tokens.upload` for this requestId, followed by `text`. */
      uploaded: z.optional(z.boolean()),
      /** Store the count in the history (content script only; the page address comes from the sender). */
      history: z.optional(z.object({ title: Str(TITLE_MAX) })),
    }),
    answer: z.object({
      requestId: NonEmpty(100),
      counts: z.partialRecord(EncodingSchema, z.int()),
      /** Characters (code points). */
      chars: z.int(),
      /** Words (Intl.Segmenter word-like segments). */
      words: z.int(),
    }),
  },
  /**
   * One slice of a long text to count, sent ahead of the `tokens.count` that
   * finishes it, so no single message is huge and the page can breathe
   * between slices. A new upload from the same tab drops older ones. Owner: tokens.
   */
  'tokens.upload': {
    from: ['content', 'extension'],
    payload: z.object({ requestId: NonEmpty(100), text: z.string().check(z.maxLength(2_000_000)) }),
    answer: z.object({ received: z.int() }),
  },
  /** Stops a running count (its `tokens.count` then fails with code "cancelled"). Owner: tokens. */
  'tokens.cancel': {
    from: ['content', 'extension'],
    payload: z.object({ requestId: NonEmpty(100) }),
    answer: z.object({ cancelled: z.boolean() }),
  },

  /**
   * The live count of the text box the user is typing in (content script
   * only): the box's text reaches the background as edits of the text it
   * had at `base` (a new session starts at 0 from the empty text), and is
   * counted again only around each edit (utils/tokens/live-count.ts). The
   * background keeps it in memory while the box has focus, one box per tab;
   * it is never stored and never recorded in the history. An edit to a
   * session or version the background no longer has (its worker restarted)
   * answers `lost`: the page then starts a new session with the whole text.
   * Owner: tokens.
   */
  'live.edit': {
    from: ['content'],
    payload: z.object({
      session: NonEmpty(100),
      base: z.int().check(z.minimum(0)),
      start: z.int().check(z.minimum(0)),
      removed: z.int().check(z.minimum(0)),
      inserted: z.string().check(z.maxLength(LIVE_EDIT_MAX_CHARS)),
      /** Each encoding once; the same list for the whole session. */
      encodings: z.array(EncodingSchema).check(z.minLength(1), z.maxLength(ENCODINGS.length), z.refine((list) => new Set(list).size === list.length)),
    }),
    answer: z.object({
      /** The version the text is at now (base + 1 after an edit). */
      version: z.int(),
      counts: z.partialRecord(EncodingSchema, z.int()),
      lost: z.boolean(),
    }),
  },
  /** The box lost focus or went away: the background forgets its text. Owner: tokens. */
  'live.end': {
    from: ['content'],
    payload: z.object({ session: NonEmpty(100) }),
    answer: z.object({ ended: z.boolean() }),
  },

  // --- token view -------------------------------------------------------------
  /**
   * Opens the token view of the selection (the badge's "Token view"): the
   * background keeps the text in the browser's session memory under a random
   * id and opens the view in a new tab beside the page. The text, or its end
   * after slices sent with `tokens.upload`, as in `tokens.count`. Owner: token view.
   */
  'tokenView.open': {
    from: ['content'],
    payload: z.object({
      requestId: NonEmpty(100),
      text: z.string().check(z.maxLength(TEXT_MAX_CHARS)),
      uploaded: z.optional(z.boolean()),
      title: Str(TITLE_MAX),
    }),
    answer: z.object({ viewId: TokenViewId }),
  },
  /** A view's text and where it came from; fails with "failed" once it is gone. Only the view's page asks. */
  'tokenView.get': {
    from: ['extension'],
    payload: z.object({ viewId: TokenViewId }),
    answer: TokenViewSchema,
  },
  /**
   * A view's text split into tokens in one encoding (without one: the default
   * encoding, which the background starts splitting in when it opens the
   * view), a part at a time (ask again from `next`). Split in the background
   * in slices, like a count; a newer split of the same view cancels an older
   * one still running.
   */
  'tokenView.split': {
    from: ['extension'],
    payload: z.object({ viewId: TokenViewId, encoding: z.optional(EncodingSchema), from: z.int().check(z.minimum(0)) }),
    answer: TokenSplitPartSchema,
  },
  /**
   * The popup's "This page": the tab's readable and visible text counted in the
   * default encoding. The texts are read by the tab's content script, on this request only.
   */
  'page.count': {
    from: ['extension'],
    payload: z.object({ tabId: z.int() }),
    answer: PageCountSchema,
  },
  /** Opens the token view of the tab's readable (or visible) text, as the page's context menu item does. */
  'page.view': {
    from: ['extension'],
    payload: z.object({ tabId: z.int(), kind: z.enum(['readable', 'visible']) }),
    answer: z.object({ viewId: TokenViewId }),
  },

  // --- mentions --------------------------------------------------------------
  /** The content script reports the coins found on its page (URL and tab come from the sender). */
  'sightings.record': {
    from: ['content'],
    payload: z.object({ title: Str(TITLE_MAX), coins: z.array(SightedCoin).check(z.maxLength(SIGHTED_COINS_MAX)) }),
    answer: z.object({ recorded: z.boolean() }),
  },
} as const satisfies Record<string, RequestDef>;

/** Requests answered by a tab's content script (sent by the background). */
export const contentRequests = {
  ping: {
    from: ['extension'],
    payload: z.object({ nonce: Str(200) }),
    answer: z.object({ nonce: z.string(), url: z.string() }),
  },
  /** Progress of a long `tokens.count` of this tab. Owner: tokens. */
  'tokens.progress': {
    from: ['extension'],
    payload: z.object({ requestId: NonEmpty(100), done: z.int(), total: z.int() }),
    answer: z.object({}),
  },
  /** Show the token badge for the current selection (context menu, keyboard shortcut). Owner: tokens. */
  'selection.count': {
    from: ['extension'],
    payload: z.object({}),
    answer: z.object({ shown: z.boolean() }),
  },
  /**
   * The page's readable text (Readability) and whole visible text, read now
   * (the page count and its token view ask; nothing reads them otherwise). Owner: token view.
   */
  'page.text': {
    from: ['extension'],
    payload: z.object({}),
    answer: PageTextSchema,
  },
} as const satisfies Record<string, RequestDef>;

export type BackgroundRequests = typeof backgroundRequests;
export type ContentRequests = typeof contentRequests;
export type BackgroundKind = keyof BackgroundRequests & string;
export type ContentKind = keyof ContentRequests & string;
