/**
 * Wires the protocol (`requests.ts`, `validate.ts`) to `browser.runtime` / `browser.tabs`:
 * typed senders, and listeners that validate every message and its sender.
 */
import { browser, type Browser } from 'wxt/browser';
import { backgroundRequests, contentRequests, type BackgroundKind, type ContentKind } from './requests';
import {
  handleRequest,
  isProtocolMessage,
  makeRequest,
  readReply,
  type AnswerOf,
  type Handlers,
  type PayloadOf,
  type Self,
} from './validate';

type BG = typeof backgroundRequests;
type CS = typeof contentRequests;

/** This extension, as the sender check needs it. */
export function extensionSelf(): Self {
  return { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
}

/** Sends a request to the background and returns its validated answer. */
export async function sendToBackground<K extends BackgroundKind>(
  kind: K,
  payload: PayloadOf<BG, K>,
): Promise<AnswerOf<BG, K>> {
  const reply: unknown = await browser.runtime.sendMessage(makeRequest(backgroundRequests, kind, payload));
  return readReply(backgroundRequests, kind, reply);
}

/** Sends a request to the content script of one tab (top frame). */
export async function sendToTab<K extends ContentKind>(
  tabId: number,
  kind: K,
  payload: PayloadOf<CS, K>,
): Promise<AnswerOf<CS, K>> {
  const reply: unknown = await browser.tabs.sendMessage(tabId, makeRequest(contentRequests, kind, payload), {
    frameId: 0,
  });
  return readReply(contentRequests, kind, reply);
}

/** Background side: answers the requests in `backgroundRequests` (the content script's side is in entrypoints/content/selection-badge/feature.ts). */
export function listenInBackground(handlers: Partial<Handlers<BG>>): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
    // Leave foreign messages to other listeners (and never answer them).
    if (!isProtocolMessage(message)) return undefined;
    return handleRequest(backgroundRequests, handlers, message, sender, extensionSelf());
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
