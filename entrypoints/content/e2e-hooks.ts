/**
 * Test hooks, in the e2e build only (`npm run build:e2e`): the content script's
 * entry calls installE2eHooks() under `import.meta.env.MODE === 'e2e'`, which
 * the build replaces by a constant, so the production build carries none of
 * this. Puts on the content script's isolated world (pages cannot see it) what
 * the e2e suites and the bench read:
 * - `__tokenInsightMentions`: the mention runtime (index, scanner, highlighter,
 *   card) and the settings last applied;
 * - `__tokenInsightBadge`: counters of the selection badge's lifecycle events,
 *   and the settings as the page last heard them;
 * - `__tokenInsightLive`: whether the live count's chunk loaded, and its
 *   counters (boxes followed, reads, edits sent, the last state and latency).
 * - a bridge that answers the named requests of `E2eRequests` (below) sent as
 *   DOM events by the e2e harness (tests/e2e/harness/content-bridge.ts): the
 *   one way both browsers' drivers reach the content script (Chromium could
 *   evaluate in the isolated world over CDP; Firefox's WebDriver BiDi cannot
 *   reach a content script's sandbox).
 */
import { browser } from 'wxt/browser';
import type { PageSettings } from '@/utils/settings/page';
import type { MentionsFeature } from './mentions/start';
import type { BadgeEvent, BadgeStatus } from './selection-badge/selection-badge';
import type { SelectionBadgeFeature } from './selection-badge/start';
import type { LiveCountFeature } from './live-count/start';
import type { LiveStats } from './live-count/feature';

export interface BadgeStats {
  opened: number;
  counts: number;
  cancelled: number;
  progressUpdates: number;
  lastRequestId: string | null;
  lastError: string | null;
  /** Token views opened from the badge. */
  viewsOpened: number;
  /** How long reading the last selection's text took on the page's thread, in ms. */
  lastReadMs: number | null;
  state: BadgeStatus;
}

export interface BadgeDebug {
  stats(): BadgeStats;
  settings(): PageSettings;
}

export interface LiveDebug {
  /** Whether the live count's chunk has loaded on this page. */
  loaded(): boolean;
  /** Its counters (null until it has loaded). */
  stats(): LiveStats | null;
  /** Starts its longest-work figure again from 0; false before it has loaded. */
  resetLongestWork(): boolean;
}

declare global {
  var __tokenInsightMentions: MentionsFeature | undefined;
  var __tokenInsightBadge: BadgeDebug | undefined;
  var __tokenInsightLive: LiveDebug | undefined;
}

/** The counters a sequence of badge events adds up to. */
function countBadgeEvent(stats: BadgeStats, event: BadgeEvent): void {
  switch (event.type) {
    case 'read':
      stats.lastReadMs = event.ms;
      break;
    case 'opened':
      stats.opened++;
      break;
    case 'count-started':
      stats.lastRequestId = event.requestId;
      break;
    case 'progress':
      stats.progressUpdates++;
      break;
    case 'counted':
      stats.counts++;
      break;
    case 'cancelled':
      stats.cancelled++;
      break;
    case 'failed':
      stats.lastError = event.error;
      break;
    case 'view-opened':
      stats.viewsOpened++;
      break;
    case 'status':
      stats.state = event.status;
      break;
  }
}

/** The DOM events of the bridge: a request's detail is JSON `{ id, op, arg }`; the reply's `{ id, ack } | { id, ok, value | error }`. */
export const E2E_REQUEST_EVENT = 'token-insight-e2e:request';
export const E2E_REPLY_EVENT = 'token-insight-e2e:reply';

export interface ScanState {
  running: boolean;
  busy: boolean;
  firstScanDone: boolean;
  mentions: { text: string; symbol: string; coinId: string; where: string | null }[];
  highlights: number;
}

const HIGHLIGHT_NAME = 'token-insight-mention';
const highlightCount = () => CSS.highlights?.get(HIGHLIGHT_NAME)?.size ?? 0;

/** What the e2e suites may ask the content script, by name. */
function e2eRequests(mentions: MentionsFeature, badgeDebug: BadgeDebug, liveDebug: LiveDebug) {
  return {
    /** True once the content script runs (the harness waits for an answer). */
    ready: (): boolean => true,
    href: (): string => location.href,
    uiLanguage: (): string => browser.i18n.getUILanguage(),
    /** A message to the background from this content script, and its reply. */
    send: (message: unknown): Promise<unknown> => browser.runtime.sendMessage(message),
    /** As send, with the time from request to answer. */
    sendTimed: async (message: unknown): Promise<{ answer: unknown; ms: number }> => {
      const start = performance.now();
      const answer = await browser.runtime.sendMessage(message);
      return { answer, ms: performance.now() - start };
    },
    badgeStats: (): BadgeStats => badgeDebug.stats(),
    badgeSettings: (): PageSettings => badgeDebug.settings(),
    mentionSettings: (): PageSettings | null => mentions.settings(),
    /** True while the page, read once without a candidate, is only watched (the detector not loaded). */
    mentionsWatching: (): boolean => mentions.watching(),
    /** Whether the live count's chunk has loaded on this page. */
    liveLoaded: (): boolean => liveDebug.loaded(),
    /** The live count's counters (null until its chunk has loaded). */
    liveStats: (): LiveStats | null => liveDebug.stats(),
    /** Starts the live count's longest-work figure again from 0. */
    liveResetLongestWork: (): boolean => liveDebug.resetLongestWork(),
    /** The indexed mentions and the registered highlight ranges. */
    scanState: (): ScanState => {
      const rt = mentions.runtime();
      if (!rt) return { running: false, busy: false, firstScanDone: false, mentions: [], highlights: highlightCount() };
      const found = [...rt.index.mentions()].map((m) => ({
        text: m.parts.map((p) => p.node.data.slice(p.start, p.end)).join(''),
        symbol: m.symbol,
        coinId: m.coinId,
        where: m.parts[0]!.node.parentElement?.closest('[id]')?.id ?? null,
      }));
      return { running: true, busy: rt.scanner.busy, firstScanDone: rt.scanner.stats.firstScanEnd !== null, mentions: found, highlights: highlightCount() };
    },
    /** The index's size, in mentions and text nodes. */
    indexState: (): { size: number; nodes: number; highlights: number; busy: boolean } => {
      const rt = mentions.runtime();
      return { size: rt?.index.size ?? 0, nodes: rt?.index.nodeCount ?? 0, highlights: highlightCount(), busy: rt?.scanner.busy ?? false };
    },
  };
}

export type E2eRequests = ReturnType<typeof e2eRequests>;

/** Answers the harness's requests; each id once (the harness repeats a request until the script acknowledges it). */
function answerE2eRequests(requests: E2eRequests): void {
  const seen = new Set<string>();
  const reply = (detail: object) => document.dispatchEvent(new CustomEvent(E2E_REPLY_EVENT, { detail: JSON.stringify(detail) }));
  document.addEventListener(E2E_REQUEST_EVENT, (event) => {
    const detail = (event as CustomEvent).detail;
    if (typeof detail !== 'string') return;
    const { id, op, arg } = JSON.parse(detail) as { id: string; op: keyof E2eRequests; arg: unknown };
    if (seen.has(id)) return;
    seen.add(id);
    reply({ id, ack: true });
    Promise.resolve()
      .then(() => (requests[op] as (arg: unknown) => unknown)(arg))
      .then(
        (value) => reply({ id, ok: true, value: value ?? null }),
        (error: unknown) => reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}

export function installE2eHooks(features: { mentions: MentionsFeature; badge: SelectionBadgeFeature; live: LiveCountFeature }): void {
  const { mentions, badge, live } = features;
  const liveDebug: LiveDebug = {
    loaded: () => live.controller() !== null,
    stats: () => live.controller()?.stats() ?? null,
    resetLongestWork: () => {
      live.controller()?.resetLongestWork();
      return live.controller() !== null;
    },
  };
  globalThis.__tokenInsightLive = liveDebug;
  const stats: BadgeStats = {
    opened: 0,
    counts: 0,
    cancelled: 0,
    progressUpdates: 0,
    lastRequestId: null,
    lastError: null,
    viewsOpened: 0,
    lastReadMs: null,
    state: 'closed',
  };
  badge.observe((event) => countBadgeEvent(stats, event));
  const badgeDebug: BadgeDebug = { stats: () => ({ ...stats }), settings: () => badge.settings() };
  globalThis.__tokenInsightBadge = badgeDebug;
  globalThis.__tokenInsightMentions = mentions;
  answerE2eRequests(e2eRequests(mentions, badgeDebug, liveDebug));
}
