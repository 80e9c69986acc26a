/**
 * Token mentions on a page, once the page may hold one (start.ts decides):
 * the scanner, the highlighter, the hover card and the sightings report,
 * wired together, with the watchlist's coins added to the detector. Loaded
 * on first use as a chunk of its own (scripts/content-chunks.ts), so pages
 * without a mention never load the detector.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createMentionFinder, findMentions } from '@/utils/mentions';
import type { CoinRef } from '@/utils/model/coin';
import { registryToken } from '@/utils/mentions/registry';
import { sendToBackground } from '@/utils/protocol/bus';
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

export function startMentionsRuntime(ctx: ContentScriptContext): MentionsRuntime {
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
      // A ticker selected before the page was read (this runtime loads on demand) opens its card now.
      hover?.onSelectionChange();
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
