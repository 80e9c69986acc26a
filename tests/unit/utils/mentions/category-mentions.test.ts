/**
 * The rules for category coins (the living registry), data-driven: what
 * counts for a coin the extension never shipped, what never does (a bare
 * ticker, an ordinary-word name alone, `$turbo` in lower case), the word list
 * deciding distinctive names, and shared tickers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMentionFinder, findMentions, type Mention, type MentionFinder } from '@/utils/mentions';
import { REGISTRY } from '@/utils/mentions/registry';
import { isDistinctiveName, isWordTicker, nameForms, nameIsAcronymOf } from '@/utils/mentions/distinctive';
import { cardCoinFor, coinsByTicker } from '@/utils/mentions/collisions';
import type { CategoryCoin } from '@/utils/model/registry';
import { categoryCoins, ordinaryWords } from '@/tests/unit/fixtures/category-coins';

let coins: CategoryCoin[];
let find: MentionFinder;
let ordinary: Set<string>;
beforeAll(async () => {
  coins = await categoryCoins();
  ordinary = await ordinaryWords();
  find = createMentionFinder([], REGISTRY, undefined, coins);
});

const found = (text: string, finder = find) => finder(text).map((m: Mention) => `${text.slice(m.start, m.end)}=${m.coinId}`);

describe('distinctive names, decided by the shipped word list', () => {
  it('takes made-up and proper names, not ordinary words, plurals or names made only of generic words', () => {
    for (const name of ['Zerebro', 'KAITO', 'Sahara AI', 'io.net', 'Bittensor', 'Nillion', 'aixbt by Virtuals']) expect(isDistinctiveName(name, ordinary), name).toBe(true);
    for (const name of ['Grass', 'Story', 'Turbo', 'Echelon Prime', 'Swarms', 'Cookie DAO', 'AI Network', 'Render', 'ChatGPT', 'Grok', 'AI']) {
      expect(isDistinctiveName(name, ordinary), name).toBe(false);
    }
  });

  it('flags tickers that are words and names that spell their ticker', () => {
    expect(['GRASS', 'TURBO', 'PRIME', 'COOKIE'].every((s) => isWordTicker(s, ordinary))).toBe(true);
    expect(['KAITO', 'AI16Z', 'IO', 'TAO'].some((s) => isWordTicker(s, ordinary))).toBe(false);
    expect(nameIsAcronymOf('Artificial Intelligence', 'AI')).toBe(true);
    expect(nameIsAcronymOf('Internet of Things', 'IOT')).toBe(true);
    expect(nameIsAcronymOf('Internet Computer', 'ICP')).toBe(false);
  });

  it('looks for a name as written, in capitals, "KAITO" also as "Kaito", and the head of "X by Virtuals"', () => {
    expect(nameForms('KAITO', true)).toEqual(['KAITO', 'Kaito']);
    expect(nameForms('aixbt by Virtuals', true, ordinary)).toEqual(['aixbt by Virtuals', 'aixbt', 'AIXBT BY VIRTUALS', 'AIXBT']);
    expect(nameForms('Grass', false)).toEqual(['Grass']);
  });
});

describe('category coins on a page', () => {
  it('count as a cashtag, "Name (SYM)", "SYM token" and a trading pair', () => {
    expect(found('Loaded up on $KAITO before the unlock.')).toEqual(['$KAITO=kaito']);
    expect(found('io.net (IO) rented out more GPUs this week.')).toEqual(['io.net (IO)=io-net']);
    expect(found('The GRASS token airdrop opens on Monday.')).toEqual(['GRASS token=grass']);
    expect(found('ZEREBRO/USDT broke out; AIXBTUSDT followed.')).toEqual(['ZEREBRO/USDT=zerebro', 'AIXBTUSDT=aixbt']);
    expect(found('Echelon Prime (PRIME) and Story ($IP) led gaming and IP tokens.')).toEqual(['Echelon Prime (PRIME)=echelon-prime', 'Story ($IP)=story-2']);
  });

  it('count a distinctive name only where the text is about crypto', () => {
    expect(found('Zerebro jumped 40% after the Binance listing.')).toEqual(['Zerebro=zerebro']);
    expect(found('Kaito and Nillion tokens rallied while bitcoin held $70,000.')).toEqual(['Kaito=kaito', 'Nillion=nillion']);
    expect(found('Kaito is the hero of the detective manga, and his rival is a thief.')).toEqual([]);
    expect(found('Sahara AI raised $43 million for its data marketplace, the team told Decrypt.')).toEqual([]);
    expect(found('Sahara AI’s token SAHARA slid 12% on Binance.')).toEqual(['Sahara AI=sahara-ai']);
  });

  it('never count a bare ticker or an ordinary-word name on its own', () => {
    for (const text of [
      'IO is the abbreviation for input/output, and AI for artificial intelligence.',
      'The ARC Prize rewards progress on abstract reasoning.',
      'PRIME members get free shipping; GRASS stains are hard to wash.',
      'STORY mode unlocks after the TURBO level in the game.',
      'Grass, Story and Turbo are also words on crypto pages: Grass fell 8% on Binance today.',
      'GOAT of tennis, COOKIE policy, SPEC sheet.',
      'AI tokens such as the ones on Binance rallied; the AI token trade is crowded.',
      'Our API token expired; generate a new API token in the dashboard.',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('take a lower-case cashtag only when the ticker is not a word', () => {
    expect(found('$turbo and $grass in a shell script')).toEqual([]);
    expect(found('$TURBO and $GRASS pumped')).toEqual(['$TURBO=turbo', '$GRASS=grass']);
    expect(found('$kaito is my biggest bag')).toEqual(['$kaito=kaito']);
  });

  it('read "Artificial Intelligence (AI)" as an acronym unless the text is about crypto', () => {
    expect(found('Artificial Intelligence (AI) is changing medicine.')).toEqual([]);
    expect(found('Artificial Intelligence (AI) token holders on Uniswap lost 90% as the memecoin was rugged.')).toEqual([
      'Artificial Intelligence (AI)=artificial-intelligence',
    ]);
  });

  it('find the merged coin by its new ticker ("the ASI token") and curated tickers in derivatives talk', () => {
    expect(found('Holders will receive the ASI token after the vote.', findMentions)).toEqual(['ASI token=fetch-ai']);
    expect(found('Open interest in TAO perpetual futures hit a record.', findMentions)).toEqual(['TAO=bittensor']);
    expect(found('Is NMR a buy after the drop?', findMentions)).toEqual(['NMR=numeraire']);
  });

  it('give a shared ticker to the curated coin, else to the largest market cap', () => {
    expect(found('$ARC and $AI both ripped.')).toEqual(['$ARC=ai-rig-complex', '$AI=sleepless-ai']);
    expect(found('$TAO')).toEqual(['$TAO=bittensor']);
  });
});

describe('shared tickers on the card', () => {
  it('lists the others, largest market cap first, and follows the reader’s choice for tickers, not for names', () => {
    const byTicker = coinsByTicker(REGISTRY, coins);
    expect(byTicker.get('AI')!.map((c) => c.coinId)).toEqual(['sleepless-ai', 'any-inu', 'ai-protocol', 'artificial-intelligence']);
    const mention = { coinId: 'sleepless-ai', symbol: 'AI', kind: 'cashtag' };
    const first = cardCoinFor(mention, byTicker, new Map());
    expect(first.coinId).toBe('sleepless-ai');
    expect(first.also!.map((c) => c.coinId)).toEqual(['any-inu', 'ai-protocol', 'artificial-intelligence']);
    const chosen = new Map([['AI', 'any-inu']]);
    const switched = cardCoinFor(mention, byTicker, chosen);
    expect(switched.coinId).toBe('any-inu');
    expect(switched.also!.map((c) => c.coinId)).toEqual(['sleepless-ai', 'ai-protocol', 'artificial-intelligence']);
    expect(cardCoinFor({ coinId: 'sleepless-ai', symbol: 'AI', kind: 'name-symbol' }, byTicker, chosen).coinId).toBe('sleepless-ai');
    expect(cardCoinFor({ coinId: 'kaito', symbol: 'KAITO', kind: 'cashtag' }, byTicker, chosen).also).toBeUndefined();
  });
});
