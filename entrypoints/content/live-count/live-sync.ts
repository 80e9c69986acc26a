/**
 * Keeps the background's copy of a box's text in step with the box, edit by
 * edit (`live.edit`), and reports the counts that come back. At most one
 * message is on its way at a time; texts read meanwhile wait, and only the
 * newest is sent next (as one edit from what the background has), so a fast
 * typist costs one round trip per frame at most. A paste longer than
 * LIVE_EDIT_MAX_CHARS goes in several edits. When the background has lost
 * the text (its worker restarted) a new session sends the whole text once.
 * The text never leaves the browser: it goes to this extension's own
 * background only, which keeps it in memory while the box has focus.
 */
import { sendToBackground } from '@/utils/protocol/bus';
import type { AnswerOf } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { diffText } from '@/utils/tokens/live-count';
import type { Encoding } from '@/utils/tokens/encodings';
import { LIVE_COUNT_MAX_CHARS, LIVE_EDIT_MAX_CHARS } from '@/utils/model/limits';
import { newRequestId } from '../selection-badge/selection-counter';

export type Counts = Partial<Record<Encoding, number>>;
export type { LiveCounterState as LiveState } from '@/components/live-count/LiveCounter';
import type { LiveCounterState as LiveState } from '@/components/live-count/LiveCounter';

export interface LiveSyncEvents {
  onState(state: LiveState): void;
  /** An edit was sent (tests and the e2e hooks count them). */
  onSent?(chars: number): void;
}

type Send = typeof sendToBackground;

/** A count not back after this long shows as under way (a first count loading the encoding's data, a long paste). */
const SLOW_MS = 150;

export class LiveSync {
  private session = newRequestId();
  private version = 0;
  /** The text the background has at `version`. */
  private sent = '';
  private counts: Counts | null = null;
  private waiting: { text: string; caret: number } | null = null;
  private running = false;
  private ended = false;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly encodings: Encoding[],
    private readonly events: LiveSyncEvents,
    private readonly send: Send = sendToBackground,
  ) {}

  /** The box's text now (and the caret, -1 if unknown): counted as soon as the previous count is back. */
  update(text: string, caret = -1): void {
    if (this.ended) return;
    this.waiting = { text, caret };
    if (!this.running) void this.run();
  }

  /** The box lost focus or went away: the background forgets the text; later answers are ignored. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting = null;
    if (this.version > 0) this.send('live.end', { session: this.session }).catch(() => {});
    this.sent = '';
  }

  private emit(state: LiveState): void {
    if (!this.ended) this.events.onState(state);
  }

  private restart(): void {
    if (this.version > 0) this.send('live.end', { session: this.session }).catch(() => {});
    this.session = newRequestId();
    this.version = 0;
    this.sent = '';
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      let lostInARow = 0;
      while (this.waiting && !this.ended) {
        const { text, caret } = this.waiting;
        this.waiting = null;
        if (text.length > LIVE_COUNT_MAX_CHARS) {
          this.restart();
          this.counts = null;
          this.emit({ status: 'too-long', chars: text.length });
          continue;
        }
        if (text === this.sent && this.counts) {
          this.emit({ status: 'done', counts: this.counts, busy: false });
          continue;
        }
        if (text === '' && this.version === 0) {
          // Nothing to count, nothing to send.
          this.counts = Object.fromEntries(this.encodings.map((e) => [e, 0]));
          this.emit({ status: 'done', counts: this.counts, busy: false });
          continue;
        }
        // Shown as counting only if it takes a while: one render per keystroke is enough.
        this.slowTimer = setTimeout(() => this.emit(this.counts ? { status: 'done', counts: this.counts, busy: true } : { status: 'counting' }), SLOW_MS);
        const edit = diffText(this.sent, text, caret);
        let answer: AnswerOf<typeof backgroundRequests, 'live.edit'>;
        let at = edit.start;
        let removed = edit.removed;
        let offset = 0;
        do {
          const inserted = edit.inserted.slice(offset, offset + LIVE_EDIT_MAX_CHARS);
          answer = await this.send('live.edit', {
            session: this.session,
            base: this.version,
            start: at,
            removed,
            inserted,
            encodings: this.encodings,
          });
          this.events.onSent?.(inserted.length);
          if (answer.lost || this.ended) break;
          this.version = answer.version;
          at += inserted.length;
          offset += inserted.length;
          removed = 0;
        } while (offset < edit.inserted.length);
        clearTimeout(this.slowTimer);
        if (this.ended) return;
        if (answer.lost) {
          // The background no longer has this text: once, start over with the whole text.
          if (++lostInARow > 1) throw new Error('The background keeps losing the text.');
          this.restart();
          this.waiting ??= { text, caret: -1 };
          continue;
        }
        lostInARow = 0;
        this.sent = text;
        this.counts = answer.counts;
        this.emit({ status: 'done', counts: answer.counts, busy: this.waiting !== null });
      }
    } catch (error) {
      clearTimeout(this.slowTimer);
      this.restart();
      this.counts = null;
      this.emit({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.running = false;
    }
  }
}
