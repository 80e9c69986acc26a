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
 */
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
    case 'status':
      stats.state = event.status;
      break;
  }
}

export function installE2eHooks(features: { mentions: MentionsFeature; badge: SelectionBadgeFeature; live: LiveCountFeature }): void {
  const { mentions, badge, live } = features;
  globalThis.__tokenInsightLive = { loaded: () => live.controller() !== null, stats: () => live.controller()?.stats() ?? null };
  const stats: BadgeStats = {
    opened: 0,
    counts: 0,
    cancelled: 0,
    progressUpdates: 0,
    lastRequestId: null,
    lastError: null,
    lastReadMs: null,
    state: 'closed',
  };
  badge.observe((event) => countBadgeEvent(stats, event));
  globalThis.__tokenInsightBadge = { stats: () => ({ ...stats }), settings: () => badge.settings() };
  globalThis.__tokenInsightMentions = mentions;
}
