/**
 * Token mentions on a page, wired together: reads the settings (marking on,
 * not turned off for this site) and the watchlist, then runs the scanner,
 * the highlighter, the hover card and the sightings report; follows settings
 * changes live. The content script's entry calls `startMentions(ctx)`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createMentionFinder, findMentions } from '@/utils/mentions';
import type { CoinRef } from '@/utils/model/coin';
import { registryToken } from '@/utils/mentions/registry';
import { sendToBackground } from '@/utils/protocol/bus';
import { DEFAULT_SETTINGS, getSettings, isSiteListed, watchSettings, type Settings } from '@/utils/settings';
import { CardHost } from '../price-card/card-host';
import { MentionHighlighter } from './highlighter';
import { HoverController } from '../price-card/hover';
import { MentionIndex, type PageMention } from './mention-index';
import { MentionScanner } from './scanner';
import { SightingsReporter } from './sightings';
import { prefetchQuotes } from '../price-card/quote-prefetch';
import { TITLE_MAX } from '@/utils/model/limits';

export interface MentionsRuntime {
  index: MentionIndex;
  scanner: MentionScanner;
  highlighter: MentionHighlighter;
  card: CardHost;
  stop(): void;
}

export interface MentionsFeature {
  /** The running parts while marking is on for this page, null while it is off. */
  runtime(): MentionsRuntime | null;
  /** The settings last applied on this page (null before the first read). */
  settings(): Settings | null;
}

export function markingOnFor(settings: Settings, hostname: string): boolean {
  return settings.markingEnabled && !isSiteListed(hostname, settings.markingOffSites);
}

function run(ctx: ContentScriptContext): MentionsRuntime {
  const index = new MentionIndex();
  const highlighter = new MentionHighlighter();
  const names = new Map<string, CoinRef>();
  const coinFor = (m: PageMention): CoinRef =>
    names.get(m.coinId) ?? { coinId: m.coinId, symbol: m.symbol, name: registryToken(m.coinId)?.name ?? m.symbol };

  let firstScanDone = false;
  const reporter = new SightingsReporter((coins) =>
    sendToBackground('sightings.record', { title: document.title.slice(0, TITLE_MAX), coins }),
  );
  const scanner = new MentionScanner({
    find: findMentions,
    warmUp: () => findMentions('Bittensor (TAO), $FET and 10 NMR'),
    index,
    onChange(added, removed) {
      // Batched while the page is first read; live afterwards.
      highlighter.update(added, removed, firstScanDone);
      if (firstScanDone && added.length) reporter.update(index.counts(), true);
    },
    onFirstScan() {
      firstScanDone = true;
      highlighter.flush();
      reporter.update(index.counts(), true);
      prefetchQuotes(index.counts().keys());
    },
  });

  let hover: HoverController | null = null;
  const card = new CardHost(ctx, {
    onPointerEnter: () => hover?.pointerEnteredCard(),
    onPointerLeave: () => hover?.pointerLeftCard(),
    onEscape: () => hover?.close(),
  });
  hover = new HoverController({ index, card, coinFor });
  hover.start();
  scanner.start();

  // Watchlist coins beyond the registry are found by cashtag and exact name too.
  sendToBackground('watchlist.list', {})
    .then((list) => {
      const extra: CoinRef[] = list.filter((c) => !registryToken(c.coinId));
      for (const c of list) names.set(c.coinId, { coinId: c.coinId, symbol: c.symbol.toUpperCase(), name: c.name });
      if (extra.length) scanner.rescanAll(createMentionFinder(extra));
    })
    .catch(() => {
      // No watchlist (background restarting): the registry alone still works.
    });

  const onNavigate = () => reporter.newVisit(index.counts());
  ctx.addEventListener(window, 'wxt:locationchange', onNavigate);

  const runtime: MentionsRuntime = {
    index,
    scanner,
    highlighter,
    card,
    stop() {
      hover?.stop();
      scanner.stop();
      reporter.cancel();
      highlighter.dispose();
      card.dispose();
      index.clear();
    },
  };
  return runtime;
}

/** Starts token-mention marking on this page, following the settings live. */
export function startMentions(ctx: ContentScriptContext): MentionsFeature {
  let runtime: MentionsRuntime | null = null;
  let applied: Settings | null = null;
  const apply = (settings: Settings) => {
    applied = settings;
    const on = markingOnFor(settings, location.hostname);
    if (on && !runtime && ctx.isValid) runtime = run(ctx);
    else if (!on && runtime) {
      runtime.stop();
      runtime = null;
    }
  };
  getSettings().then(apply, () => apply(DEFAULT_SETTINGS));
  const unwatch = watchSettings(apply);
  ctx.onInvalidated(() => {
    unwatch();
    runtime?.stop();
    runtime = null;
  });
  return { runtime: () => runtime, settings: () => applied };
}
