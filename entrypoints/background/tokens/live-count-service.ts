/**
 * The background's side of the live count under prompt boxes (issue 17):
 * one session per tab and frame — the box being typed in — holding the box's
 * text as the incremental counters' parts (utils/tokens/live-count.ts), one
 * counter per encoding. Each `live.edit` applies an edit to the version the
 * page last heard and answers the new counts; the work is a part or two per
 * encoding, not the text.
 *
 * The text stays in this worker's memory only: never stored, never recorded
 * in the history, dropped when the page says the box lost focus
 * (`live.end`), when the tab starts another session, after SESSION_TTL_MS
 * without an edit, or (least recently typed-in first) when all sessions
 * together would hold more than LIVE_COUNT_TOTAL_CHARS. A restarted worker
 * has none: the page's next edit hears `lost` and sends the whole text again.
 */
import { liveCount, type Encoding, type LiveCount } from '@/utils/tokens';
import { ProtocolError, type Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { LIVE_COUNT_MAX_CHARS, LIVE_COUNT_TOTAL_CHARS } from '@/utils/model/limits';

type LiveHandlers = Pick<Handlers<typeof backgroundRequests>, 'live.edit' | 'live.end'>;

/** A session nobody typed in for this long is forgotten. */
export const SESSION_TTL_MS = 10 * 60_000;

interface Session {
  id: string;
  encodings: Encoding[];
  counters: LiveCount[];
  version: number;
  size: number;
  touched: number;
}

export interface LiveCountService extends LiveHandlers {
  /** Sessions held now (tests). */
  sessionCount(): number;
}

export function createLiveCountService(
  options: { now?: () => number; totalChars?: number } = {},
): LiveCountService {
  const now = options.now ?? Date.now;
  const totalChars = options.totalChars ?? LIVE_COUNT_TOTAL_CHARS;
  const sessions = new Map<string, Session>();

  /** Forgets stale sessions, then the least recently used ones until `room` more characters fit. */
  const makeRoom = (room: number, keep: string) => {
    const t = now();
    for (const [key, s] of sessions) if (key !== keep && t - s.touched > SESSION_TTL_MS) sessions.delete(key);
    let total = room;
    for (const s of sessions.values()) total += s.size;
    const byAge = [...sessions.entries()].filter(([key]) => key !== keep).sort(([, a], [, b]) => a.touched - b.touched);
    for (const [key, s] of byAge) {
      if (total <= totalChars) break;
      sessions.delete(key);
      total -= s.size;
    }
  };

  return {
    'live.edit': async ({ session: id, base, start, removed, inserted, encodings }, ctx) => {
      if (ctx.tabId === null) throw new ProtocolError('forbidden', 'The live count is for pages.');
      const key = `${ctx.tabId}:${ctx.frameId ?? 0}`;
      let session = sessions.get(key);
      if (!session || session.id !== id) {
        // Only a new session starts from nothing; an edit of one this worker never had (or forgot) is lost.
        if (base !== 0) return { version: 0, counts: {}, lost: true };
        const counters = await Promise.all(encodings.map((e) => liveCount(e)));
        session = sessions.get(key);
        if (!session || session.id !== id) {
          session = { id, encodings: [...encodings], counters, version: 0, size: 0, touched: now() };
          sessions.set(key, session);
        }
      }
      const sameEncodings = session.encodings.length === encodings.length && session.encodings.every((e, i) => e === encodings[i]);
      if (base !== session.version || !sameEncodings || start + removed > session.size) {
        return { version: session.version, counts: {}, lost: true };
      }
      const size = session.size - removed + inserted.length;
      if (size > LIVE_COUNT_MAX_CHARS) {
        sessions.delete(key);
        throw new ProtocolError('bad-payload', `The text is too long to count as you type (over ${LIVE_COUNT_MAX_CHARS.toLocaleString('en')} characters).`);
      }
      makeRoom(size - session.size, key);
      const edit = { start, removed, inserted };
      const counts: Partial<Record<Encoding, number>> = {};
      session.encodings.forEach((encoding, i) => (counts[encoding] = session.counters[i]!.apply(edit)));
      session.version++;
      session.size = size;
      session.touched = now();
      return { version: session.version, counts, lost: false };
    },

    'live.end': ({ session: id }, ctx) => {
      const key = `${ctx.tabId}:${ctx.frameId ?? 0}`;
      const ended = sessions.get(key)?.id === id;
      if (ended) sessions.delete(key);
      return { ended };
    },

    sessionCount: () => sessions.size,
  };
}
