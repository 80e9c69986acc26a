/**
 * The live count on a page, started cheaply: every page reads two settings
 * (the switch and the site list) and, only on a live-count site, listens for
 * the focus going to a text box. Only then does the `live` chunk load
 * (feature.ts: the box's text, the counter in Preact, the messages to the
 * background). Elsewhere no box is ever read.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isSiteListed } from '@/utils/settings/defaults';
import { DEFAULT_PAGE_SETTINGS, readPageSettings, watchPageSettings, type PageSettings } from '@/utils/settings/page';
import { loadChunk } from '../chunks';
import type { LiveCountController } from './feature';

export interface LiveCountFeature {
  /** The live count's controller once its chunk has loaded (never off a live-count site). */
  controller(): LiveCountController | null;
}

export function liveCountOnFor(settings: PageSettings, hostname: string): boolean {
  return settings.liveCountEnabled && isSiteListed(hostname, settings.liveCountSites);
}

export function startLiveCount(ctx: ContentScriptContext): LiveCountFeature {
  let settings = DEFAULT_PAGE_SETTINGS;
  let controller: LiveCountController | null = null;
  let on = false;
  const focused = (target: EventTarget | null | undefined) => {
    const el = target as HTMLInputElement | null;
    // A text box of some kind (the chunk checks the rest); never a password field.
    if (!on || !el || !(el.isContentEditable || el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && /^(text|search)$/.test(el.type)))) return;
    loadChunk('live').then(
      (chunk) => {
        if (!on) return;
        controller ??= chunk.createLiveCount(ctx, () => settings);
        controller.follow(el);
      },
      (error: unknown) => console.warn('Token Insight: the live count could not load on this page.', error),
    );
  };
  const onFocus = (e: Event) => focused(e.composedPath()[0]);
  const apply = (next: PageSettings) => {
    settings = next;
    const now = ctx.isValid && liveCountOnFor(next, location.hostname);
    if (now === on) return controller?.settingsChanged();
    on = now;
    if (on) {
      document.addEventListener('focusin', onFocus, true);
      focused(document.activeElement);
    } else {
      document.removeEventListener('focusin', onFocus, true);
      controller?.stop();
    }
  };
  readPageSettings().then(apply, () => apply(DEFAULT_PAGE_SETTINGS));
  const unwatch = watchPageSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    apply({ ...settings, liveCountEnabled: false });
  });
  return { controller: () => controller };
}
