/**
 * Token mentions on a page, started cheaply: follows the settings (marking
 * on, not turned off for this site) and loads the detector (the `mentions`
 * chunk, runtime.ts) only once the page's text could hold a mention — a quick
 * trigger test (utils/mentions/triggers.ts, trigger-watch.ts) in idle time,
 * then on added content. A page with no trigger never loads the detector. The content
 * script's entry calls `startMentions(ctx)`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import triggerData from 'virtual:mention-triggers';
import { mentionTrigger, type MentionTrigger } from '@/utils/mentions/triggers';
import { isSiteListed } from '@/utils/settings/defaults';
import { DEFAULT_PAGE_SETTINGS, readPageSettings, watchPageSettings, type PageSettings } from '@/utils/settings/page';
import { CATEGORY_TRIGGERS_KEY, MENTION_TRIGGERS_KEY, parseCategoryTriggers, parseExtraTriggers } from '@/utils/mentions/extra-triggers';
import { loadChunk } from '../chunks';
import type { MentionsRuntime } from './runtime';
import { watchForTrigger, type TriggerWatch } from './trigger-watch';

export interface MentionsFeature {
  /** The running parts while marking is on and the detector is loaded, null otherwise. */
  runtime(): MentionsRuntime | null;
  /** The settings last applied on this page (null before the first read). */
  settings(): PageSettings | null;
  /** True while the detector is not loaded and the page, read once without a candidate, is watched for changes. */
  watching(): boolean;
}

export function markingOnFor(settings: PageSettings, hostname: string): boolean {
  return settings.markingEnabled && !isSiteListed(hostname, settings.markingOffSites);
}

/** The trigger test: the registry's part (built in) and the background's extra coins (the watchlist's and the AI categories'). */
async function pageTrigger(): Promise<MentionTrigger> {
  const stored = await browser.storage.local.get([MENTION_TRIGGERS_KEY, CATEGORY_TRIGGERS_KEY]).catch(() => ({}) as Record<string, unknown>);
  return mentionTrigger(triggerData, parseExtraTriggers(stored[MENTION_TRIGGERS_KEY]), parseCategoryTriggers(stored[CATEGORY_TRIGGERS_KEY]));
}

/** Starts token-mention marking on this page, following the settings live. */
export function startMentions(ctx: ContentScriptContext): MentionsFeature {
  let runtime: MentionsRuntime | null = null;
  let applied: PageSettings | null = null;
  let watch: TriggerWatch | null = null;
  const launch = () => {
    loadChunk('mentions').then(
      (chunk) => {
        if (watch && !runtime && ctx.isValid) runtime = chunk.startMentionsRuntime(ctx);
      },
      (error: unknown) => console.warn('Token Insight: token mentions could not start on this page.', error),
    );
  };
  const apply = (settings: PageSettings) => {
    applied = settings;
    const on = markingOnFor(settings, location.hostname);
    if (on && !watch && ctx.isValid) watch = watchForTrigger(pageTrigger(), launch);
    else if (!on && watch) {
      watch.stop();
      watch = null;
      runtime?.stop();
      runtime = null;
    }
  };
  readPageSettings().then(apply, () => apply(DEFAULT_PAGE_SETTINGS));
  const unwatch = watchPageSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    watch?.stop();
    runtime?.stop();
    runtime = null;
  });
  return { runtime: () => runtime, settings: () => applied, watching: () => !runtime && !!watch?.watching() };
}
