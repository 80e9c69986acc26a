/**
 * The selection badge on a page, started cheaply: the selection watcher runs
 * on every page (a few event listeners); the badge itself (the `badge`
 * chunk, feature.ts: Preact, the counter, request validation) loads on the
 * page's first finished selection, or when the background asks this tab
 * something (context menu, shortcut, progress). Follows the settings live.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Browser } from 'wxt/browser';
import { isSiteListed } from '@/utils/settings/defaults';
import { DEFAULT_PAGE_SETTINGS, readPageSettings, watchPageSettings, type PageSettings } from '@/utils/settings/page';
import { loadChunk } from '../chunks';
import type { BadgeObserver, SelectionBadge } from './selection-badge';
import { SelectionWatcher } from './selection-watcher';

export interface SelectionBadgeFeature {
  /** Answers the background's requests to this tab (loads the badge chunk to validate them). */
  answer(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown>;
  /** The settings as this page last heard them. */
  settings(): PageSettings;
  /** Follows the badge's lifecycle events (only the e2e build's hooks do). */
  observe(observer: BadgeObserver): void;
}

export function badgeOnFor(settings: PageSettings, hostname: string): boolean {
  return settings.badgeEnabled && !isSiteListed(hostname, settings.badgeOffSites);
}

export function startSelectionBadge(ctx: ContentScriptContext): SelectionBadgeFeature {
  let settings: PageSettings = DEFAULT_PAGE_SETTINGS;
  let badge: SelectionBadge | null = null;
  let observer: BadgeObserver | null = null;
  let loading: Promise<{ badge: SelectionBadge; chunk: Awaited<ReturnType<typeof loadChunk<'badge'>>> }> | null = null;
  const load = () =>
    (loading ??= loadChunk('badge').then(
      (chunk) => {
        badge ??= chunk.createSelectionBadge(ctx, () => settings);
        badge.observer = observer;
        return { badge, chunk };
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));

  const watcher = new SelectionWatcher({
    onSelection: (snapshot) => {
      load().then(
        ({ badge }) => ctx.isValid && badge.onSelection(snapshot),
        (error: unknown) => console.warn('Token Insight: the token badge could not load on this page.', error),
      );
    },
    onCleared: () => badge?.close(),
    isOwnEvent: (e) => badge?.containsEvent(e) ?? false,
    ownsFocus: () => badge?.hasFocus() ?? false,
  });
  let watching = false;
  const apply = (next: PageSettings) => {
    settings = next;
    const on = ctx.isValid && badgeOnFor(settings, location.hostname);
    if (on === watching) return;
    watching = on;
    if (on) watcher.start();
    else {
      watcher.stop();
      badge?.close();
    }
  };
  readPageSettings().then(apply, () => apply(DEFAULT_PAGE_SETTINGS));
  const unwatch = watchPageSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    watcher.stop();
    badge?.dispose();
  });

  return {
    answer: (message, sender) => load().then(({ badge, chunk }) => chunk.answerContentRequest(message, sender, badge)),
    settings: () => settings,
    observe: (next) => {
      observer = next;
      if (badge) badge.observer = next;
    },
  };
}
