/**
 * One GET of JSON with a timeout, turning every way it can fail into a
 * PriceFetchError: offline / unreachable, timeout, 429 (with Retry-After),
 * other HTTP errors, and bodies that are not JSON.
 */
import { PriceFetchError, type FetchLike } from './provider';
import { PRICE_ANSWER_MAX_CHARS } from '@/utils/model/limits';

/** Reads a body as text, stopping (and failing) as soon as it passes `max` characters. */
async function readCapped(response: Response, max: number, source: string): Promise<string> {
  const tooLarge = () => new PriceFetchError('malformed', `${source} sent an answer larger than ${Math.round(max / 1_000_000)} MB; it was ignored.`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max * 4) throw tooLarge();
  if (!response.body) {
    const text = await response.text();
    if (text.length > max) throw tooLarge();
    return text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
  }
  return text + decoder.decode();
}

export const REQUEST_TIMEOUT_MS = 6000;

/** Retry-After is either seconds or an HTTP date; answers ms from `now`, or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface GetJsonOptions {
  fetch: FetchLike;
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The provider's name for messages. */
  source: string;
  /** Longest answer read, in characters. */
  maxChars?: number;
}

export async function getJson(url: string, options: GetJsonOptions): Promise<unknown> {
  const { fetch, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS, signal, source, maxChars = PRICE_ANSWER_MAX_CHARS } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', ...headers },
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        // A redirect could carry the key's header to another host: treat it as a failure.
        redirect: 'error',
      });
    } catch {
      if (timedOut) throw new PriceFetchError('timeout', `${source} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      throw new PriceFetchError(
        'offline',
        offline ? 'You are offline.' : `Could not reach ${source}. Check your connection.`,
      );
    }
    if (response.status === 429) {
      throw new PriceFetchError(
        'rate-limited',
        `${source} is rate-limiting requests.`,
        parseRetryAfter(response.headers.get('retry-after')),
        429,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new PriceFetchError('bad-config', `${source} refused the request (${response.status}). Check the API key and plan in the settings.`, null, response.status);
    }
    if (response.status === 404) {
      throw new PriceFetchError('bad-config', `${source} has no such address (404). Check the price API base URL in the settings.`, null, 404);
    }
    if (!response.ok) {
      throw new PriceFetchError('server', `${source} answered with an error (${response.status}).`, null, response.status);
    }
    let text: string;
    try {
      text = await readCapped(response, maxChars, source);
    } catch (error) {
      if (error instanceof PriceFetchError) throw error;
      if (timedOut) throw new PriceFetchError('timeout', `${source} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      throw new PriceFetchError('offline', `The connection to ${source} broke off.`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new PriceFetchError('malformed', `${source} sent an answer that is not valid JSON.`);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
