/**
 * One GET of JSON with a timeout, turning every way it can fail into a
 * PriceFetchError: offline / unreachable, timeout, 429 (with Retry-After),
 * other HTTP errors, and bodies that are not JSON.
 */
import { PriceFetchError, type FetchLike } from './provider';

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
}

export async function getJson(url: string, options: GetJsonOptions): Promise<unknown> {
  const { fetch, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS, signal, source } = options;
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
      text = await response.text();
    } catch {
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
