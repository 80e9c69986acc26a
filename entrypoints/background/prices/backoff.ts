/**
 * When a price source may be asked again after failures: a 429 waits for its
 * Retry-After and backs off exponentially on repeats; other failures (5xx,
 * timeouts, offline, malformed answers) back off from a few seconds. The
 * state is kept in `storage.local` so a restarted service worker keeps
 * waiting instead of asking again at once.
 */
import type { PriceErrorCode, PriceFetchError } from './provider';

export interface BackoffState {
  /** Failures in a row. */
  failures: number;
  /** No request before this time (ms since epoch). */
  until: number;
  /** Why we are waiting. */
  reason: PriceErrorCode | null;
  message: string | null;
}

export const NO_BACKOFF: BackoffState = { failures: 0, until: 0, reason: null, message: null };

export const RATE_LIMIT_BASE_MS = 15_000;
export const RATE_LIMIT_MAX_MS = 15 * 60_000;
export const ERROR_BASE_MS = 2_000;
export const ERROR_MAX_MS = 5 * 60_000;
/**
 * The longest any pause lasts, whatever a server's Retry-After says: one
 * bad answer (`Retry-After: 99999999`) must not stop prices for years.
 */
export const PAUSE_MAX_MS = 60 * 60_000;

/** How long to wait after the `failures`-th failure in a row (pure). */
export function backoffDelay(failures: number, code: PriceErrorCode, retryAfterMs: number | null): number {
  const n = Math.max(1, failures);
  if (code === 'rate-limited') {
    const exponential = Math.min(RATE_LIMIT_MAX_MS, RATE_LIMIT_BASE_MS * 2 ** (n - 1));
    // Retry-After is honoured beyond the exponential cap, but never beyond PAUSE_MAX_MS.
    return Math.min(PAUSE_MAX_MS, Math.max(retryAfterMs ?? 4 * RATE_LIMIT_BASE_MS, exponential));
  }
  if (code === 'not-found') return 0;
  return Math.min(ERROR_MAX_MS, ERROR_BASE_MS * 2 ** (n - 1));
}

/** The state after a failure at `now` (pure). */
export function afterFailure(state: BackoffState, error: PriceFetchError, now: number): BackoffState {
  const failures = state.failures + 1;
  return {
    failures,
    until: now + backoffDelay(failures, error.code, error.retryAfterMs),
    reason: error.code,
    message: error.message,
  };
}

/** Whether to wait; a pause further away than PAUSE_MAX_MS (stored by an older version) is ignored. */
export function isBackingOff(state: BackoffState, now: number): boolean {
  return state.until > now && state.until - now <= PAUSE_MAX_MS;
}

/** Where backoff states live, per host (see `backoffKey`). */
export interface BackoffStore {
  load(source: string): Promise<BackoffState>;
  save(source: string, state: BackoffState): Promise<void>;
  /** Forgets every pause (the settings' reset, a changed base URL). */
  clear(): Promise<void>;
}

const STORAGE_KEY = 'priceBackoff';

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function parseState(raw: unknown): BackoffState {
  if (typeof raw !== 'object' || raw === null) return NO_BACKOFF;
  const r = raw as Partial<BackoffState>;
  return {
    failures: typeof r.failures === 'number' && r.failures >= 0 ? r.failures : 0,
    until: typeof r.until === 'number' ? r.until : 0,
    reason: typeof r.reason === 'string' ? (r.reason as PriceErrorCode) : null,
    message: typeof r.message === 'string' ? r.message : null,
  };
}

/** Backoff states in `browser.storage.local` (survives service-worker restarts). */
export function storageBackoffStore(area: () => LocalArea): BackoffStore {
  return {
    async load(source) {
      const stored = await area().get(STORAGE_KEY);
      const all = (stored[STORAGE_KEY] ?? {}) as Record<string, unknown>;
      return parseState(all[source]);
    },
    async save(source, state) {
      const stored = await area().get(STORAGE_KEY);
      const all = { ...((stored[STORAGE_KEY] ?? {}) as Record<string, unknown>), [source]: state };
      await area().set({ [STORAGE_KEY]: all });
    },
    async clear() {
      await area().remove(STORAGE_KEY);
    },
  };
}

/** In memory (unit tests). */
export function memoryBackoffStore(): BackoffStore & { states: Map<string, BackoffState> } {
  const states = new Map<string, BackoffState>();
  return {
    states,
    async load(source) {
      return states.get(source) ?? NO_BACKOFF;
    },
    async save(source, state) {
      states.set(source, state);
    },
    async clear() {
      states.clear();
    },
  };
}
