/**
 * The message protocol: every request the content script, popup and options
 * page can make to the background, and every request the background can make
 * to a tab's content script. Each request has a zod schema for its payload and
 * for its answer, and a list of the contexts allowed to send it.
 *
 * Wire format (never changes shape, so old and new parts can reject each other
 * cleanly): `{ channel: 'token-insight/v1', kind, payload }`, answered by
 * `{ ok: true, value }` or `{ ok: false, error: { code, message } }`.
 *
 * The pure parts (`handleRequest`, `classifySender`) take the sender and the
 * extension's identity as arguments so they run under Node in unit tests.
 */
import * as z from 'zod/mini';

export const CHANNEL = 'token-insight/v1';

/** Who sent a message: our content script in some tab, or one of our own pages. */
export type SenderKind = 'content' | 'extension';

interface RequestDef {
  from: readonly SenderKind[];
  payload: z.ZodMiniType;
  answer: z.ZodMiniType;
}

const PingAnswer = z.object({
  nonce: z.string(),
  sender: z.enum(['content', 'extension']),
  tabId: z.nullable(z.int()),
  receivedAt: z.number(),
});

const Str = (max: number) => z.string().check(z.maxLength(max));
const NonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const CoinId = NonEmpty(200);
const NullableNumber = z.nullable(z.number());

export const WatchlistEntrySchema = z.object({
  coinId: CoinId,
  symbol: NonEmpty(40),
  name: NonEmpty(200),
  position: z.number(),
  addedAt: z.number(),
});

export const EncodingSchema = z.enum(['o200k_base', 'cl100k_base']);

/** A price quote in the user's currency, provider-neutral. */
export const QuoteSchema = z.object({
  coinId: CoinId,
  symbol: NonEmpty(40),
  name: NonEmpty(200),
  currency: NonEmpty(10),
  price: NullableNumber,
  change24h: NullableNumber,
  marketCap: NullableNumber,
  volume24h: NullableNumber,
  rank: z.nullable(z.int()),
  /** 7 days of prices, oldest first (empty when unknown). */
  sparkline7d: z.array(z.number()).check(z.maxLength(2000)),
  /** When the provider last updated the price (ms), if it says. */
  lastUpdated: NullableNumber,
  /** Which provider answered, shown on the card: "CoinGecko", "Coinbase". */
  source: NonEmpty(40),
  /** When Token Insight fetched it (ms). */
  fetchedAt: z.number(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const QuoteErrorSchema = z.object({
  code: z.enum(['offline', 'rate-limited', 'server', 'malformed', 'timeout', 'not-found', 'bad-config']),
  message: Str(500),
  /** When the next request may be made (ms), after a 429 or backoff. */
  retryAt: NullableNumber,
});
export type QuoteError = z.infer<typeof QuoteErrorSchema>;

export const CountRecordSchema = z.object({
  id: z.optional(z.number()),
  time: z.number(),
  url: Str(4096),
  title: Str(1000),
  encoding: EncodingSchema,
  counts: z.partialRecord(EncodingSchema, z.number()),
  chars: z.number(),
  words: z.number(),
  excerpt: z.optional(Str(1000)),
});

export const SightingSchema = z.object({
  pageUrl: Str(4096),
  coinId: CoinId,
  symbol: NonEmpty(40),
  title: Str(1000),
  count: z.number(),
  time: z.number(),
});

/** Everything Token Insight keeps, as written by "Export data" (the API key is never included). */
export const DataExportSchema = z.object({
  format: z.literal('token-insight-export'),
  version: z.literal(1),
  exportedAt: z.number(),
  /** The settings object; unknown or invalid fields fall back to defaults on import. */
  settings: z.record(z.string(), z.unknown()),
  watchlist: z.array(WatchlistEntrySchema).check(z.maxLength(1000)),
  counts: z.array(CountRecordSchema).check(z.maxLength(10_000)),
  sightings: z.array(SightingSchema).check(z.maxLength(50_000)),
});
export type DataExport = z.infer<typeof DataExportSchema>;

const SightedCoin = z.object({ coinId: CoinId, symbol: NonEmpty(40), count: z.int().check(z.minimum(1)) });

/**
 * Requests answered by the background. Each capability owns its block:
 * foundation (ping, watchlist, history), prices (quotes.*, coins.*),
 * tokens (tokens.*), mentions (sightings.*), popup (data.*).
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
    payload: z.object({ coinId: CoinId, symbol: NonEmpty(40), name: NonEmpty(200) }),
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
      coinIds: z.array(CoinId).check(z.minLength(1), z.maxLength(250)),
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
        z.object({ coinId: CoinId, symbol: NonEmpty(40), name: NonEmpty(200), rank: z.nullable(z.int()) }),
      ).check(z.maxLength(50)),
    }),
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
  /** Restores a backup: replaces the watchlist and settings, merges history. Owner: popup. */
  'data.import': {
    from: ['extension'],
    payload: DataExportSchema,
    answer: z.object({ watchlist: z.int(), counts: z.int(), sightings: z.int() }),
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
      text: z.string().check(z.maxLength(50_000_000)),
      encodings: z.array(EncodingSchema).check(z.minLength(1), z.maxLength(2)),
      /** The text is what was sent before with `tokens.upload` for this requestId, followed by `text`. */
      uploaded: z.optional(z.boolean()),
      /** Store the count in the history (content script only; the page address comes from the sender). */
      history: z.optional(z.object({ title: Str(1000) })),
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

  // --- mentions --------------------------------------------------------------
  /** The content script reports the coins found on its page (URL and tab come from the sender). */
  'sightings.record': {
    from: ['content'],
    payload: z.object({ title: Str(1000), coins: z.array(SightedCoin).check(z.maxLength(500)) }),
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
} as const satisfies Record<string, RequestDef>;

type Defs = Record<string, RequestDef>;
export type Kind<D extends Defs> = keyof D & string;
export type PayloadOf<D extends Defs, K extends Kind<D>> = z.input<D[K]['payload']>;
export type AnswerOf<D extends Defs, K extends Kind<D>> = z.output<D[K]['answer']>;

export type BackgroundKind = Kind<typeof backgroundRequests>;
export type ContentKind = Kind<typeof contentRequests>;

export type ErrorCode =
  | 'bad-message'
  | 'forbidden'
  | 'unknown-kind'
  | 'bad-payload'
  | 'failed'
  | 'bad-answer'
  | 'no-receiver'
  | 'cancelled';

/** An error that crossed the message boundary, with a code callers can branch on. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const Envelope = z.object({
  channel: z.literal(CHANNEL),
  kind: z.string().check(z.maxLength(100)),
  payload: z.unknown(),
});

const Reply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
type Reply = z.infer<typeof Reply>;

/** The parts of `runtime.MessageSender` we look at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface Self {
  /** `browser.runtime.id` */
  id: string;
  /** `browser.runtime.getURL('')`, e.g. `chrome-extension://abc/` */
  baseUrl: string;
}

/**
 * Decides whether a sender is one of ours. Anything not from this extension
 * (another extension, a web page through externally_connectable) is `null`.
 */
export function classifySender(sender: SenderInfo, self: Self): SenderKind | null {
  if (!sender || sender.id !== self.id) return null;
  const url = sender.url ?? sender.origin ?? '';
  if (url.startsWith(self.baseUrl) || url === self.baseUrl.replace(/\/$/, '')) return 'extension';
  // Content scripts run in web pages: Chromium and Firefox give them a tab.
  if (sender.tab && typeof sender.tab.id === 'number') return 'content';
  // A background or our own page without URL (Firefox background messaging itself).
  if (!sender.tab && !url) return 'extension';
  return null;
}

export interface RequestContext {
  sender: SenderKind;
  tabId: number | null;
  frameId: number | null;
  /** The page URL for content-script senders. */
  url: string | null;
}

export type Handlers<D extends Defs> = {
  [K in Kind<D>]: (
    payload: z.output<D[K]['payload']>,
    ctx: RequestContext,
  ) => AnswerOf<D, K> | Promise<AnswerOf<D, K>>;
};

function fail(code: ErrorCode, message: string): Reply {
  return { ok: false, error: { code, message } };
}

export function isProtocolMessage(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { channel?: unknown }).channel === CHANNEL
  );
}

/**
 * Validates a message and its sender, runs the handler and validates its
 * answer. Never throws: every failure becomes an `{ ok: false }` reply.
 */
export async function handleRequest<D extends Defs>(
  defs: D,
  handlers: Partial<Handlers<D>>,
  message: unknown,
  sender: SenderInfo,
  self: Self,
): Promise<Reply> {
  const senderKind = classifySender(sender, self);
  if (!senderKind) return fail('forbidden', 'Messages from outside Token Insight are refused.');
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return fail('bad-message', 'Not a Token Insight message.');
  const { kind, payload } = envelope.data;
  const def = Object.hasOwn(defs, kind) ? defs[kind] : undefined;
  const handler = Object.hasOwn(handlers, kind) ? handlers[kind as Kind<D>] : undefined;
  if (!def || !handler) return fail('unknown-kind', `Unknown request "${kind}".`);
  if (!def.from.includes(senderKind)) {
    return fail('forbidden', `"${kind}" may not be sent from a ${senderKind} context.`);
  }
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) {
    return fail('bad-payload', `Invalid "${kind}" request: ${z.prettifyError(parsed.error)}`);
  }
  const ctx: RequestContext = {
    sender: senderKind,
    tabId: sender.tab?.id ?? null,
    frameId: sender.frameId ?? null,
    url: senderKind === 'content' ? (sender.url ?? null) : null,
  };
  try {
    const value = await (handler as (p: unknown, c: RequestContext) => unknown)(parsed.data, ctx);
    const checked = def.answer.safeParse(value);
    if (!checked.success) {
      return fail('bad-answer', `The answer to "${kind}" had the wrong shape.`);
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof ProtocolError ? error.code : 'failed';
    return fail(code, message);
  }
}

/** Builds the envelope for a request, validating the payload before it leaves. */
export function makeRequest<D extends Defs, K extends Kind<D>>(
  defs: D,
  kind: K,
  payload: PayloadOf<D, K>,
) {
  const parsed = (defs[kind] as RequestDef).payload.safeParse(payload);
  if (!parsed.success) {
    throw new ProtocolError('bad-payload', `Invalid "${kind}" request: ${z.prettifyError(parsed.error)}`);
  }
  return { channel: CHANNEL, kind, payload: parsed.data };
}

/** Checks a reply from the other side and returns its value or throws a ProtocolError. */
export function readReply<D extends Defs, K extends Kind<D>>(
  defs: D,
  kind: K,
  reply: unknown,
): AnswerOf<D, K> {
  if (reply === undefined) {
    throw new ProtocolError('no-receiver', `Nobody answered "${kind}".`);
  }
  const parsed = Reply.safeParse(reply);
  if (!parsed.success) throw new ProtocolError('bad-answer', `Malformed answer to "${kind}".`);
  if (!parsed.data.ok) {
    const { code, message } = parsed.data.error;
    throw new ProtocolError(code as ErrorCode, message);
  }
  const value = (defs[kind] as RequestDef).answer.safeParse(parsed.data.value);
  if (!value.success) throw new ProtocolError('bad-answer', `The answer to "${kind}" had the wrong shape.`);
  return value.data as AnswerOf<D, K>;
}
