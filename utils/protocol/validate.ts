/**
 * The protocol's validation engine, pure so it runs under Node in unit tests:
 * the wire format, the sender check (fail closed), and request/answer
 * validation against a request table (`requests.ts`).
 *
 * Wire format (never changes shape, so old and new parts can reject each other
 * cleanly): `{ channel: 'token-insight/v1', kind, payload }`, answered by
 * `{ ok: true, value }` or `{ ok: false, error: { code, message } }`.
 */
import * as z from 'zod/mini';
import { CHANNEL, isProtocolMessage } from './channel';

export { CHANNEL, isProtocolMessage };

/** Who sent a message: our content script in some tab, or one of our own pages. */
export type SenderKind = 'content' | 'extension';

export interface RequestDef {
  from: readonly SenderKind[];
  payload: z.ZodMiniType;
  answer: z.ZodMiniType;
}

type Defs = Record<string, RequestDef>;
export type Kind<D extends Defs> = keyof D & string;
export type PayloadOf<D extends Defs, K extends Kind<D>> = z.input<D[K]['payload']>;
export type AnswerOf<D extends Defs, K extends Kind<D>> = z.output<D[K]['answer']>;


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
  tab?: { id?: number; incognito?: boolean };
  frameId?: number;
}

export interface Self {
  /** `browser.runtime.id` */
  id: string;
  /** `browser.runtime.getURL('')`, e.g. `chrome-extension://abc/` */
  baseUrl: string;
}

/**
 * Decides whether a sender is one of ours, failing closed. Anything not from
 * this extension (another extension, a web page through externally_connectable)
 * is `null`, and so is a sender of ours that is neither: an extension page is
 * recognised only by a URL inside the extension (Chrome: `chrome-extension://<id>/…`
 * with `origin`; Firefox: `moz-extension://<uuid>/…`), a content script only by
 * its tab. A sender with no URL and no tab is refused (the background never
 * receives its own messages, so nothing of ours looks like that).
 */
export function classifySender(sender: SenderInfo, self: Self): SenderKind | null {
  if (!sender || typeof sender !== 'object' || !self.id || sender.id !== self.id) return null;
  const url = typeof sender.url === 'string' ? sender.url : typeof sender.origin === 'string' ? sender.origin : '';
  if (url && (url.startsWith(self.baseUrl) || url === self.baseUrl.replace(/\/$/, ''))) return 'extension';
  // Content scripts run in web pages: Chromium and Firefox give them a tab.
  if (sender.tab && typeof sender.tab.id === 'number') return 'content';
  return null;
}

export interface RequestContext {
  sender: SenderKind;
  tabId: number | null;
  frameId: number | null;
  /** The page URL for content-script senders. */
  url: string | null;
  /** The sender's tab is in a private (incognito) window: nothing from it is recorded. */
  incognito?: boolean;
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
    incognito: sender.tab?.incognito === true,
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
