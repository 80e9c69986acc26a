/**
 * Token mentions on a page, started cheaply: follows the settings (marking
 * on, not turned off for this site) and loads the detector (the `mentions`
 * chunk, runtime.ts) only once the page's text could hold a mention — a quick
 * trigger test (utils/mentions/triggers.ts) in idle time, then on added
 * content. A page with no trigger never loads the detector. The content
 * script's entry calls `startMentions(ctx)`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import triggerWords from 'virtual:mention-triggers';
import { mentionTrigger, type MentionTrigger } from '@/utils/mentions/triggers';
import { isSiteListed } from '@/utils/settings/defaults';
import { DEFAULT_PAGE_SETTINGS, readPageSettings, watchPageSettings, type PageSettings } from '@/utils/settings/page';
import { CATEGORY_TRIGGERS_KEY, MENTION_TRIGGERS_KEY, parseCategoryTriggers, parseExtraTriggers } from '@/utils/mentions/extra-triggers';
import { loadChunk } from '../chunks';
import type { MentionsRuntime } from './runtime';

export interface MentionsFeature {
  /** The running parts while marking is on and the detector is loaded, null otherwise. */
  runtime(): MentionsRuntime | null;
  /** The settings last applied on this page (null before the first read). */
  settings(): PageSettings | null;
}

export function markingOnFor(settings: PageSettings, hostname: string): boolean {
  return settings.markingEnabled && !isSiteListed(hostname, settings.markingOffSites);
}

/** Waits for idle time (or `timeout` ms), where the browser has it. */
function idle(fn: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 1);
  return () => clearTimeout(id);
}

/**
 * Calls `found` once the page's text matches `trigger`: the whole body once,
 * in idle time, then only what is added or edited, in idle time. Returns stop.
 */
function watchForTrigger(trigger: Promise<MentionTrigger>, found: () => void): () => void {
  let stopped = false;
  let cancelIdle: (() => void) | null = null;
  let observer: MutationObserver | null = null;
  const pending = new Set<Node>();
  const stop = () => {
    stopped = true;
    cancelIdle?.();
    observer?.disconnect();
    pending.clear();
  };
  const hit = () => {
    stop();
    found();
  };
  const checkPending = (re: MentionTrigger) => {
    cancelIdle = null;
    for (const node of pending) {
      if (node.isConnected && re.test(node.textContent ?? '')) return hit();
    }
    pending.clear();
  };
  void trigger.then((re) => {
    if (stopped) return;
    cancelIdle = idle(() => {
      cancelIdle = null;
      if (stopped) return;
      if (re.test(document.body?.textContent ?? '')) return hit();
      observer = new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData') pending.add(r.target);
          else r.addedNodes.forEach((n) => pending.add(n));
        }
        if (pending.size && !cancelIdle) cancelIdle = idle(() => checkPending(re), 1000);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    }, 2000);
  });
  return stop;
}

/** The trigger test: the registry's words (built in) and the background's extra coins (the watchlist's and the AI categories'). */
async function pageTrigger(): Promise<MentionTrigger> {
  const stored = await browser.storage.local.get([MENTION_TRIGGERS_KEY, CATEGORY_TRIGGERS_KEY]).catch(() => ({}) as Record<string, unknown>);
  return mentionTrigger(triggerWords, parseExtraTriggers(stored[MENTION_TRIGGERS_KEY]), parseCategoryTriggers(stored[CATEGORY_TRIGGERS_KEY]));
}

/** Starts token-mention marking on this page, following the settings live. */
export function startMentions(ctx: ContentScriptContext): MentionsFeature {
  let runtime: MentionsRuntime | null = null;
  let applied: PageSettings | null = null;
  let stopWatch: (() => void) | null = null;
  const launch = () => {
    loadChunk('mentions').then(
      (chunk) => {
        if (stopWatch && !runtime && ctx.isValid) runtime = chunk.startMentionsRuntime(ctx);
      },
      (error: unknown) => console.warn('Token Insight: token mentions could not start on this page.', error),
    );
  };
  const apply = (settings: PageSettings) => {
    applied = settings;
    const on = markingOnFor(settings, location.hostname);
    if (on && !stopWatch && ctx.isValid) stopWatch = watchForTrigger(pageTrigger(), launch);
    else if (!on && stopWatch) {
      stopWatch();
      stopWatch = null;
      runtime?.stop();
      runtime = null;
    }
  };
  readPageSettings().then(apply, () => apply(DEFAULT_PAGE_SETTINGS));
  const unwatch = watchPageSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    stopWatch?.();
    runtime?.stop();
    runtime = null;
  });
  return { runtime: () => runtime, settings: () => applied };
}
