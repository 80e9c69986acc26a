import { describe, expect, it } from 'vitest';
import { createMentionFinder, findMentions, type Mention } from '@/utils/mentions';

const show = (text: string, ms: Mention[] = findMentions(text)) => ms.map((m) => `${text.slice(m.start, m.end)}=${m.symbol}`);

describe('findMentions', () => {
  it('finds cashtags in any case, with offsets into the text', () => {
    const text = 'Bought $TAO and $fet today.';
    const ms = findMentions(text);
    expect(ms).toEqual([
      { start: 7, end: 11, symbol: 'TAO', coinId: 'bittensor', kind: 'cashtag' },
      { start: 16, end: 20, symbol: 'FET', coinId: 'fetch-ai', kind: 'cashtag' },
    ]);
  });

  it('finds names, "Name (SYM)" as one mention, and trading pairs', () => {
    expect(show('Fetch.ai (FET) and SingularityNET (AGIX) merged; TAO/USDT and FET-USD and GRTUSDT moved.')).toEqual([
      'Fetch.ai (FET)=FET',
      'SingularityNET (AGIX)=AGIX',
      'TAO/USDT=TAO',
      'FET-USD=FET',
      'GRTUSDT=GRT',
    ]);
    expect(show('Bittensor rallied while Worldcoin fell.')).toEqual(['Bittensor=TAO', 'Worldcoin=WLD']);
  });

  it('maps former tickers and alliance tickers to the current coin', () => {
    expect(show('$RNDR became RENDER token; $ASI is the alliance.')).toEqual(['$RNDR=RENDER', 'RENDER=RENDER', '$ASI=FET']);
  });

  it('finds bare tickers only when the text is about crypto', () => {
    expect(show('NMR rose 8% after the Numerai tournament payout.')).toEqual(['NMR=NMR', 'Numerai=NMR']);
    expect(show('The NMR spectrum shows two peaks.')).toEqual([]);
    expect(show('Each FET in the amplifier switches at 1 MHz.')).toEqual([]);
    expect(show('GRT Hotels opened in Chennai.')).toEqual([]);
    expect(show('We will meet NEAR the station.')).toEqual([]);
  });

  it('never takes ordinary words for tickers', () => {
    for (const text of [
      'The Tao Te Ching is short.',
      'Terence Tao proved it.',
      'As the graph shows, sales grew.',
      'Render the page after load.',
      'The hotel is near the station.',
      'The Pacific Ocean is deep.',
      'Der zweite Akt beginnt.',
      'Create a virtual environment first.',
    ]) {
      expect(show(text), text).toEqual([]);
    }
  });

  it('works inside Devanagari text', () => {
    const text = 'भारत में भी BitTensor (TAO) जैसे प्रोजेक्ट्स की चर्चा बढ़ रही है।';
    expect(show(text)).toEqual(['BitTensor (TAO)=TAO']);
    expect(show('TAO की कीमत में 12% की तेजी आई।')).toEqual(['TAO=TAO']);
    expect(show('बिटटेंसर नेटवर्क पर नए सबनेट आए।')).toEqual(['बिटटेंसर=TAO']);
  });

  it('does not take code for cashtags', () => {
    expect(show('$render = new Renderer(); $near->x = 1;')).toEqual([]);
  });

  it('finds watchlist coins by cashtag and exact name only', () => {
    const find = createMentionFinder([{ coinId: 'chainlink', symbol: 'link', name: 'Chainlink' }]);
    expect(show('Chainlink and $LINK rose; the link broke; LINK alone is not enough.', find('Chainlink and $LINK rose; the link broke; LINK alone is not enough.'))).toEqual([
      'Chainlink=LINK',
      '$LINK=LINK',
    ]);
  });

  it('returns sorted, non-overlapping mentions', () => {
    const ms = findMentions('Bittensor (TAO), $TAO, TAO/USDT, Bittensor');
    for (let i = 1; i < ms.length; i++) expect(ms[i]!.start).toBeGreaterThanOrEqual(ms[i - 1]!.end);
    expect(ms).toHaveLength(4);
  });
});
