/**
 * Token mentions on a page, once the page may hold one (start.ts decides):
 * the scanner, the highlighter, the hover card and the sightings report,
 * wired together, with the watchlist's coins added to the detector. Loaded
 * on first use as a chunk of its own (scripts/content-chunks.ts), so pages
 * without a mention never load the detector.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createMentionFinder, findMentions } from '@/utils/mentions';
import type { CardCoin, CoinRef } from '@/utils/model/coin';
import type { CategoryCoin } from '@/utils/model/registry';
import { REGISTRY, registryToken } from '@/utils/mentions/registry';
import { cardCoinFor, coinsByTicker } from '@/utils/mentions/collisions';
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

/** How long the first read of the page waits for the watchlist and category coins before starting with the built-in list. */
const EXTRA_COINS_WAIT_MS = 1500;

export function startMentionsRuntime(ctx: ContentScriptContext): MentionsRuntime {
  const index = new MentionIndex();
  const highlighter = new MentionHighlighter();
  const names = new Map<string, CoinRef>();
  let byTicker = new Map<string, CoinRef[]>();
  /** The coin the reader picked for a shared ticker on this page ("Also: …"). */
  const chosen = new Map<string, string>();
  const coinFor = (m: PageMention): CardCoin =>
    cardCoinFor(m, byTicker, chosen, (id) => names.get(id) ?? (registryToken(id) && { coinId: id, symbol: registryToken(id)!.symbol, name: registryToken(id)!.name }));

  let firstScanDone = false;
  const reporter = new SightingsReporter((coins) =>
    sendToBackground('sightings.record', { title: document.title.slice(0, TITLE_MAX), coins }),
  );
  let currentFind = findMentions;
  const scanner = new MentionScanner({
    find: findMentions,
    // Compiles the detector's patterns in an idle slice of its own (with the category coins once they are known).
    warmUp: () => currentFind('Bittensor (TAO), $FET and 10 NMR'),
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
    onChoose: (symbol, coinId) => chosen.set(symbol, coinId),
  });
  hover = new HoverController({ index, card, coinFor });
  hover.start();

  // Watchlist coins beyond the registry (cashtag and exact name) and the AI categories' coins (the living
  // registry) join the detector; the first read waits for them briefly, so a page is read once, not twice.
  let started = false;
  const startOnce = () => {
    if (!started) {
      started = true;
      scanner.start();
    }
  };
  const waited = setTimeout(startOnce, EXTRA_COINS_WAIT_MS);
  Promise.all([
    sendToBackground('watchlist.list', {}).catch(() => []),
    sendToBackground('registry.coins', {}).then(
      (answer) => answer.coins,
      () => [] as CategoryCoin[],
    ),
  ])
    .then(([list, category]) => {
      const extra: CoinRef[] = list.filter((c) => !registryToken(c.coinId));
      for (const c of list) names.set(c.coinId, { coinId: c.coinId, symbol: c.symbol.toUpperCase(), name: c.name });
      byTicker = coinsByTicker(REGISTRY, category);
      if (extra.length || category.length) {
        const find = createMentionFinder(extra, undefined, undefined, category);
        currentFind = find;
        if (started) scanner.rescanAll(find);
        else scanner.setFinder(find);
      }
    })
    .catch(() => {
      // No answer (background restarting): the registry alone still works.
    })
    .finally(() => {
      clearTimeout(waited);
      startOnce();
    });

  const onNavigate = () => reporter.newVisit(index.counts());
  ctx.addEventListener(window, 'wxt:locationchange', onNavigate);

  const runtime: MentionsRuntime = {
    index,
    scanner,
    highlighter,
    card,
    stop() {
      clearTimeout(waited);
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
