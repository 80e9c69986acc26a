/**
 * The live count's heavy part, loaded as a chunk of its own
 * (scripts/content-chunks.ts) the first time a text box gets the focus on a
 * live-count site; start.ts, which every page runs, decides that. It
 * follows the focused prompt box (box-text.ts says which boxes, and never
 * reads a secret field): reads its text at most once a frame after each
 * input (and when the page changes it), just after the frame is painted, sends the edit to the background
 * (live-sync.ts), and shows the counts under the box (live-host.tsx). When
 * the box loses the focus or leaves the page, the count goes away and the
 * background forgets the text.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageSettings } from '@/utils/settings/page';
import { SETTING_DEFAULTS } from '@/utils/settings/defaults';
import { badgeEncodingList, type Encoding } from '@/utils/tokens/encodings';
import { contextModel, type ContextModel } from '@/utils/tokens/llm-prices';
import { looksDark } from '../overlay/looks-dark';
import { liveBox, readBox, type LiveBox } from './box-text';
import { LiveHost } from './live-host';
import { LiveSync, type LiveState } from './live-sync';

/** How often a followed box is checked for changes no input event announces (a site clearing it) and for removal. */
const CHECK_MS = 500;

export interface LiveStats {
  /** The box followed now, if any. */
  following: boolean;
  /** Times a box's text was read. */
  reads: number;
  /** Boxes followed so far. */
  sessions: number;
  /** Edit messages sent, and the characters they carried. */
  edits: number;
  sentChars: number;
  /** The last state shown. */
  state: LiveState | null;
  /** Time from the last input event to the count of the text it made being shown, in ms. */
  lastLatencyMs: number | null;
  /**
   * The longest the live count's own work held the page's thread at once, in ms: reading the box and
   * sending the edit, rendering a count, placing the counter (a long task is one over 50 ms).
   */
  longestWorkMs: number;
}

export interface LiveCountController {
  /** A focus went to `target`: follow it if it is a prompt box the live count may read. */
  follow(target: EventTarget | null): void;
  /** Stops following (the setting was turned off here, or the page context ended). */
  stop(): void;
  /** The settings changed: a followed box is counted again with the new encodings and model. */
  settingsChanged(): void;
  stats(): LiveStats;
  /** Starts `longestWorkMs` again from 0 (tests: the work while typing, after a paste). */
  resetLongestWork(): void;
}

/** The encodings the live count shows: the badge's (the default first), and the chosen model's. */
export function liveEncodings(settings: PageSettings, model: ContextModel): Encoding[] {
  const list = badgeEncodingList(settings.defaultEncoding, settings.badgeEncodings);
  return list.includes(model.encoding) ? list : [...list, model.encoding];
}

export function createLiveCount(ctx: ContentScriptContext, settings: () => PageSettings): LiveCountController {
  const host = new LiveHost(ctx);
  const stats: LiveStats = { following: false, reads: 0, sessions: 0, edits: 0, sentChars: 0, state: null, lastLatencyMs: null, longestWorkMs: 0 };
  let current: { box: LiveBox; key: string; detach(): void } | null = null;
  const choice = () => {
    const model = contextModel(settings().liveCountModel, SETTING_DEFAULTS.liveCountModel);
    const encodings = liveEncodings(settings(), model);
    return { model, encodings, key: `${model.id} ${encodings.join(' ')}` };
  };

  const attach = (box: LiveBox) => {
    const { model, encodings, key } = choice();
    const dark = looksDark(box);
    let frame = 0;
    let lastRead: string | null = null;
    /** When the oldest input not yet read happened, and when the text read last was read. */
    let inputAt: number | null = null;
    let readInput: number | null = null;
    const sync = new LiveSync(encodings, {
      onState: (state) => {
        stats.state = state;
        if (state.status === 'done' && !state.busy && readInput !== null) {
          stats.lastLatencyMs = performance.now() - readInput;
          readInput = null;
        }
        void host.show(box, { state, encodings, model, dark });
      },
      onSent: (chars) => {
        stats.edits++;
        stats.sentChars += chars;
      },
    });
    const read = () => {
      frame = 0;
      if (!box.isConnected) return detach();
      const start = performance.now();
      const { text, caret } = readBox(box);
      stats.reads++;
      if (inputAt !== null) {
        readInput = inputAt;
        inputAt = null;
      }
      lastRead = text;
      sync.update(text, caret);
      stats.longestWorkMs = Math.max(stats.longestWorkMs, performance.now() - start);
    };
    // Once a frame, just after it is painted: the keystroke's own frame never waits for us.
    const afterPaint = new MessageChannel();
    afterPaint.port1.onmessage = () => frame && read();
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => afterPaint.port2.postMessage(0));
    };
    const onInput = () => {
      inputAt ??= performance.now();
      schedule();
    };
    const onFocusOut = (e: Event) => {
      // Focus moving inside a rich editor keeps it followed.
      const to = (e as FocusEvent).relatedTarget;
      if (to instanceof Node && box.contains(to)) return;
      detach();
    };
    const editor = !(box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement);
    const mutations = editor ? new MutationObserver(schedule) : null;
    mutations?.observe(box, { characterData: true, childList: true, subtree: true });
    box.addEventListener('input', onInput);
    box.addEventListener('focusout', onFocusOut);
    // A site that sets the box's text itself (clearing it after sending) fires no input event; a removed box neither.
    const check = ctx.setInterval(() => {
      if (!box.isConnected) detach();
      else if (!editor && (box as HTMLTextAreaElement).value !== lastRead) schedule();
    }, CHECK_MS);
    const detach = () => {
      if (current?.box !== box) return;
      current = null;
      stats.following = false;
      cancelAnimationFrame(frame);
      frame = 0;
      afterPaint.port1.close();
      clearInterval(check);
      mutations?.disconnect();
      box.removeEventListener('input', onInput);
      box.removeEventListener('focusout', onFocusOut);
      sync.end();
      lastRead = null;
      host.hide();
    };
    current = { box, key, detach };
    stats.following = true;
    stats.sessions++;
    read();
  };

  return {
    follow(target) {
      if (!ctx.isValid) return;
      const box = liveBox(target);
      if (!box || box === current?.box) return;
      current?.detach();
      attach(box);
    },
    stop() {
      current?.detach();
    },
    settingsChanged() {
      if (!current || current.key === choice().key) return;
      const { box } = current;
      current.detach();
      attach(box);
    },
    stats: () => ({ ...stats, longestWorkMs: Math.max(stats.longestWorkMs, host.longestWorkMs) }),
    resetLongestWork() {
      stats.longestWorkMs = 0;
      host.longestWorkMs = 0;
    },
  };
}
