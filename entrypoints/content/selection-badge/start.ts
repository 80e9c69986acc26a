/**
 * The selection badge on a page, wired together: follows the settings live
 * (badge on, not off for this site) and answers the background's requests
 * for it (`tokens.progress`, `selection.count`). The content script's entry
 * calls `startSelectionBadge(ctx)` and adds the returned handlers to its
 * message listener.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Handlers } from '@/utils/protocol/validate';
import type { contentRequests } from '@/utils/protocol/requests';
import { DEFAULT_SETTINGS, getSettings, watchSettings, type Settings } from '@/utils/settings';
import { badgeOnFor, SelectionBadge, type BadgeStats } from './selection-badge';
import { dispatchProgress } from './selection-counter';

export type BadgeHandlers = Pick<Handlers<typeof contentRequests>, 'tokens.progress' | 'selection.count'>;

/** What tests read from the content script's (isolated) world. */
export interface BadgeDebug {
  stats(): BadgeStats;
  /** The settings as this page last heard them. */
  settings(): Settings;
}

declare global {
  // Lives in the content script's isolated world only; pages cannot see it.
  var __tokenInsightBadge: BadgeDebug | undefined;
}

export function startSelectionBadge(ctx: ContentScriptContext): BadgeHandlers {
  let settings: Settings = DEFAULT_SETTINGS;
  const badge = new SelectionBadge(ctx, () => settings);
  const apply = (next: Settings) => {
    settings = next;
    badge.setWatching(ctx.isValid && badgeOnFor(settings, location.hostname));
  };
  getSettings().then(apply, () => apply(DEFAULT_SETTINGS));
  const unwatch = watchSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    badge.dispose();
  });
  globalThis.__tokenInsightBadge = { stats: () => ({ ...badge.stats }), settings: () => settings };

  return {
    'tokens.progress': ({ requestId, done, total }) => {
      dispatchProgress(requestId, done, total);
      return {};
    },
    'selection.count': () => ({ shown: badge.countCurrentSelection() }),
  };
}
