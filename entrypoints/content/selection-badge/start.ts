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
import { badgeOnFor, SelectionBadge, type BadgeObserver } from './selection-badge';
import { dispatchProgress } from './selection-counter';

export type BadgeHandlers = Pick<Handlers<typeof contentRequests>, 'tokens.progress' | 'selection.count'>;

export interface SelectionBadgeFeature {
  /** For the content script's message listener. */
  handlers: BadgeHandlers;
  /** The settings as this page last heard them. */
  settings(): Settings;
  /** Follows the badge's lifecycle events (only the e2e build's hooks do). */
  observe(observer: BadgeObserver): void;
}

export function startSelectionBadge(ctx: ContentScriptContext): SelectionBadgeFeature {
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

  return {
    handlers: {
      'tokens.progress': ({ requestId, done, total }) => {
        dispatchProgress(requestId, done, total);
        return {};
      },
      'selection.count': () => ({ shown: badge.countCurrentSelection() }),
    },
    settings: () => settings,
    observe: (observer) => {
      badge.observer = observer;
    },
  };
}
