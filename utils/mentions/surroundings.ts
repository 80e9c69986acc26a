/**
 * The grammar of a candidate's surroundings: amounts, trading verbs, prices and
 * moves, people and code around a word, sentence starts, and the stretch of
 * text (the context window) whose words speak for it.
 */
import { LOWER, UPPER } from './word-classes';

export const AMOUNT_BEFORE = /(?:\d[\d,.]*|\b(?:one|two|three|ten|hundred|thousand|a few|some))[ \t\u00a0]?(?:k|K|m|M|bn|mn|million|billion|thousand|lakh|crore|करोड़|लाख)?[ \t\u00a0]+$/u;
export const VERB_BEFORE =
  /(?:^|[^\p{L}])(?:buy|buying|bought|sell|selling|sold|stake|staking|staked|unstake|unstaked|hold|holding|hodl|hodling|swap|swapped|accumulate|accumulating|accumulated|dump|dumping|airdropped|delegate|delegated|delegating|long|longing|short|shorting|earn|earned|mint|minted|burn|burned|burnt)[ \t\u00a0]+(?:some[ \t\u00a0]+|more[ \t\u00a0]+|my[ \t\u00a0]+|your[ \t\u00a0]+|their[ \t\u00a0]+|all[ \t\u00a0]+|the[ \t\u00a0]+|our[ \t\u00a0]+)?$/iu;
export const TICKER_COMPOUND_AFTER = /^(?:to|vs|denominated|holders|stakers|staking|backed|priced|margined|pegged|paired)(?![\p{L}])/u;
export const PRICE_OF_BEFORE = /(?:^|[^\p{L}])(?:price|prices|value|market[ \t\u00a0]+cap|supply|holders)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?$/iu;
export const PERCENT_AFTER = /[ \t\u00a0]*(?:[(:,—–-][ \t\u00a0]*)?[+\-−±]?[ \t\u00a0]?\d[\d,.]*[ \t\u00a0]?%/uy;
export const PRICE_AFTER =
  /[ \t\u00a0]*(?:[(:=@—–-]|is at|at|to|near|around|above|below|under|over|hit|hits|reached|trading at|trades at|traded at|priced at)?[ \t\u00a0]*(?:US|A|C)?[$₹€£¥][ \t\u00a0]?\d/iuy;
export const MOVE_AFTER =
  /[ \t\u00a0]+(?:is[ \t\u00a0]+|was[ \t\u00a0]+|has[ \t\u00a0]+|had[ \t\u00a0]+)?(?:up|down|rose|rises|fell|falls|gained|gains|lost|loses|jumped|jumps|dropped|drops|slid|slides|climbed|climbs|surged|surges|rallied|rallies|plunged|plunges|soared|soars|tumbled|tumbles|added|shed|sank|spiked|rebounded|dipped|crashed|pumped|dumped|outperformed|underperformed|traded|trades|trading|broke|breaks|hit|hits|reached|touched|crossed|crosses|topped|tops|reclaimed|reclaims|retested|retests|flipped|flips|slipped|slips|slumped|slumps|tanked|tanks|edged|eased|declined|declines|advanced|advances|doubled|doubles|tripled|triples|halved|skyrocketed|rocketed|bounced|bounces|recovered|recovers|collapsed|collapses|extended|extends|plummeted|plummets|rising|falling|climbing|dropping|sliding|surging|rallying|plunging|soaring|tumbling|jumping|gaining|losing|sinking|slipping|trading|hovering|consolidating|reaching|hitting|touching|testing|targeting|nearing|breaking)(?![\p{L}])/iuy;
export const AMOUNT_NEARBY = /\d[\d,.]*[ \t\u00a0]?%|[$₹€£¥][ \t\u00a0]?\d/u;
export const NUMBER_SOON = /[^\n]{0,30}?(?:[$₹€£¥][ \t\u00a0]?\d|\d[\d,.]*[ \t\u00a0]?%)/uy;
export const TOKENWORD_AFTER =
  /(?:['’]s)?[ \t\u00a0]*(?:token|tokens|coin|coins|holders|stakers|staking|price|prices|market[ \t\u00a0]+cap|tokenomics|airdrop|airdrops|emissions|whales|bulls|bears|rally|futures|perps|perpetuals|unlock|unlocks|supply|circulating|ETF|टोकन|कॉइन|की[ \t\u00a0]+कीमत|के[ \t\u00a0]+दाम|का[ \t\u00a0]+भाव|में[ \t\u00a0]+(?:तेजी|तेज़ी|गिरावट|उछाल))(?![\p{L}\p{M}])/iuy;
/** "SYM token": a ticker named as a coin (counts for any ticker, even one never taken bare). */
export const TOKEN_NOUN_AFTER = /[ \t\u00a0]+(?:token|coin|टोकन|कॉइन)(?![\p{L}\p{M}])/iuy;
/** "SYM tokens": a kind of token ("IP tokens", "AI coins") unless an amount comes first ("10,000 GRASS tokens"). */
export const TOKEN_NOUNS_AFTER = /[ \t\u00a0]+(?:tokens|coins)(?![\p{L}\p{M}])/iuy;
/** "is TAO a buy?", "TAO a good investment": the ticker asked about as a holding. */
export const BUY_QUESTION_AFTER = /[ \t\u00a0]+(?:still[ \t\u00a0]+)?a[ \t\u00a0]+(?:good[ \t\u00a0]+|strong[ \t\u00a0]+|better[ \t\u00a0]+)?(?:buy|sell|investment|long|short)(?![\p{L}])/iuy;
/** Words that follow a name at the start of a sentence ("Render is", "Akash and Render", "Arkham said"). */
export const NAME_FOLLOWERS = new Set([
  'crypto', 'ai', 'agents', 'ecosystem', 'community', 'dao', 'is', 'was', 'has', 'had', 'have', 'are', 'were', 'will', 'would', 'could', 'can', 'may', 'might', 'does', 'did', 'and', 'or',
  'network', 'protocol', 'foundation', 'team', 'developers', 'blockchain', 'holders', 'users', 'validators', 'nodes', 'leases',
  'announced', 'launched', 'released', 'unveiled', 'added', 'integrated', 'partnered', 'raised', 'listed', 'said', 'says',
  'flagged', 'tracked', 'labelled', 'labeled', 'lets', 'allows', 'offers', 'provides', 'powers', 'uses', 'runs', 'hosts',
]);
export const PREPOSITIONS = new Set(['on', 'to', 'with', 'at', 'in', 'for', 'from', 'into', 'onto', 'of', 'by', 'after', 'before']);
export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'your', 'my', 'our', 'their', 'his', 'her', 'each', 'every', 'all', 'them', 'him', 'me', 'us']);
export const PERSON_AFTER =
  /[ \t\u00a0]*(?:,[ \t\u00a0]*)?(?:said|says|told|tells|asked|asks|replied|wrote|writes|thinks|believes|explained|explains|recalls|added|who|whose|and his|and her|'s (?:wife|husband|father|mother|brother|sister|son|daughter|friend|family|girlfriend|boyfriend))(?![\p{L}])/iuy;
export const HONORIFIC_BEFORE = /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Dr|Prof|Shri|Sri|Smt|Sir|Mister)\.?[ \t\u00a0]+$/u;
const SENTENCE_END = /[.!?:;"“”‘’(\[\n।|•·–—]/u;
export const CODE_AFTER = /[ \t\u00a0]*(?:=(?!=)|->|\(|\[|::|;|\.[A-Za-z_$])/y;
export const CODE_BEFORE = /(?:^|[^\p{L}])(?:function|var|let|const|global|public|private|protected|static|echo|print|foreach|as|return|new)[ \t\u00a0]*[(]?[ \t\u00a0]*$/u;

export function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The next word after `end` (skipping spaces), lower-cased. */
export function nextWord(text: string, end: number): { word: string; raw: string; start: number } {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0')) i++;
  if (i === end) return { word: '', raw: '', start: i };
  let j = i;
  while (j < text.length && /[\p{L}\p{N}\p{M}'’-]/u.test(text[j]!)) j++;
  const raw = text.slice(i, j).replace(/['’-].*$/, '');
  return { word: raw.toLowerCase(), raw, start: i };
}

/** The previous word before `start`, and whether it opens a sentence. */
export function previousWord(text: string, start: number): { raw: string; sentenceStart: boolean; atSentenceStart: boolean } {
  let i = start;
  while (i > 0 && /[ \t\u00a0]/.test(text[i - 1]!)) i--;
  const atSentenceStart = i === 0 || SENTENCE_END.test(text[i - 1]!);
  if (i === start && i > 0) return { raw: '', sentenceStart: false, atSentenceStart };
  let j = i;
  while (j > 0 && /[\p{L}\p{N}\p{M}]/u.test(text[j - 1]!)) j--;
  let k = j;
  while (k > 0 && /[ \t\u00a0]/.test(text[k - 1]!)) k--;
  return { raw: text.slice(j, i), sentenceStart: k === 0 || SENTENCE_END.test(text[k - 1]!), atSentenceStart };
}

export const isTitleCase = (w: string) => w.length > 1 && UPPER.test(w[0]!) && LOWER.test(w.slice(1));

const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'to', 'vs', 'with', 'from', 'after', 'amid']);

/** Whether the line holding `[start, end)` is a headline in title case ("Bittensor, Grass, Render Tokens Decline as Microsoft Delays…"). */
export function isTitleCaseLine(text: string, start: number, end: number): boolean {
  let ls = start;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  let le = end;
  while (le < text.length && text[le] !== '\n') le++;
  if (le - ls > 160) return false;
  const words = (text.slice(ls, le).match(/\p{L}[\p{L}\p{M}'’]*/gu) ?? []).filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (words.length < 4) return false;
  const capital = words.filter((w) => UPPER.test(w[0]!)).length;
  return capital / words.length >= 0.85;
}

/**
 * The stretch of text whose words speak for a candidate: its line (a block of
 * the page) up to `radius` either side; a short line (a table cell, a list
 * item, a heading) borrows from its neighbours, but never across a blank line.
 */
export function contextWindow(text: string, start: number, end: number, radius: number): [number, number] {
  const lo = Math.max(0, start - radius);
  const hi = Math.min(text.length, end + radius);
  let ls = start;
  while (ls > lo && text[ls - 1] !== '\n') ls--;
  let le = end;
  while (le < hi && text[le] !== '\n') le++;
  if (le - ls >= 80) return [ls, le];
  let a = ls;
  while (a > lo && !(text[a - 1] === '\n' && text[a - 2] === '\n')) a--;
  let b = le;
  while (b < hi && !(text[b] === '\n' && text[b + 1] === '\n')) b++;
  return [a, b];
}
