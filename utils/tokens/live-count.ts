/**
 * Counting a text again after each edit, with work proportional to the edit
 * rather than to the text: what the live count under a prompt box needs
 * (a 100 KB prompt, one character typed).
 *
 * The text is kept as a list of parts, each with its token count. Parts end
 * only at cut points of the encoding (`cutsAt`: places no pre-tokenizer
 * piece and no token can span, decided by the characters around them,
 * so the count of the whole is the sum of the counts of the parts). An edit
 * re-splits and recounts only the parts it touches, from the nearest cut
 * point before it whose characters it left alone to the nearest one
 * after it; every other part keeps its count. Within a recounted part the
 * encoder's cache of pieces serves the unchanged ones.
 *
 * Cut points are places such as "before a space that follows a non-space"
 * and "after a line feed" (pretokenize.ts, hf-encoder.ts), so ordinary text
 * has one every few characters and a part is about `partChars` long. A text
 * with no cut point for a long stretch (a run with no space and no line
 * break: base64, or CJK prose on one line) is one long part: counting it
 * after an edit costs what a full count of that stretch costs, and the
 * result is still exact. Pure: runs in the background worker and under Node.
 */

/** What the live count needs of an encoder (utils/tokens Encoder and HfEncoder). */
export interface PartCounter {
  count(text: string): number;
  /**
   * True when count(s) = count(s[0, p)) + count(s[p, end)) for any text around s[p - 1] and the code
   * point at p (0 < p < s.length): decided by s[p - 1], s[p] and, when s[p] is a high surrogate, s[p + 1].
   */
  cutsAt(s: string, p: number): boolean;
}

/** One change to a text: `removed` code units at `start` replaced by `inserted`. */
export interface TextEdit {
  start: number;
  removed: number;
  inserted: string;
}

/** About how long a part grows before it is cut at the next cut point, in UTF-16 code units. */
export const LIVE_PART_CHARS = 512;

export class LiveCount {
  private parts: string[] = [];
  private counts: number[] = [];
  private length = 0;
  /** Tokens in the whole text. */
  total = 0;
  /** Code units the last edit counted again (the work it took). */
  lastCounted = 0;

  constructor(
    private readonly counter: PartCounter,
    private readonly partChars = LIVE_PART_CHARS,
  ) {}

  /** Length of the text in UTF-16 code units. */
  get size(): number {
    return this.length;
  }

  /** The whole text (for tests: joining it costs a copy). */
  get text(): string {
    return this.parts.join('');
  }

  /** Parts the text is kept in. */
  get partCount(): number {
    return this.parts.length;
  }

  /** Where parts start, after the first (tests: each must be a cut point of the text as it is now). */
  boundaries(): number[] {
    const out: number[] = [];
    let at = 0;
    for (let k = 0; k < this.parts.length - 1; k++) out.push((at += this.parts[k]!.length));
    return out;
  }

  /** Replaces the whole text; returns its token count. */
  reset(text: string): number {
    return this.apply({ start: 0, removed: this.length, inserted: text });
  }

  /** Applies an edit; returns the new token count. Throws a RangeError for an edit outside the text. */
  apply(edit: TextEdit): number {
    const { start, removed, inserted } = edit;
    const end = start + removed;
    if (!Number.isInteger(start) || !Number.isInteger(removed) || start < 0 || removed < 0 || end > this.length) {
      throw new RangeError(`The edit ${start}+${removed} is outside the text (${this.length} code units).`);
    }
    const parts = this.parts;
    const last = parts.length - 1;
    // First part to recount: the last one that starts at least two code units before `start` (the characters
    // deciding its start — the one before, the one at it and, for a surrogate pair, the one after — are
    // unchanged, so that start is still a cut point), or the first.
    let first = 0;
    let from = 0;
    while (first < last && from + parts[first]!.length < start - 1) from += parts[first++]!.length;
    // Last part to recount: the first that ends past `end` (the characters deciding its end are unchanged), or the last.
    let through = first;
    let to = from + (parts[first]?.length ?? 0);
    while (through < last && to <= end) to += parts[++through]!.length;

    let region: string;
    if (parts.length === 0) region = inserted;
    else {
      const old = through === first ? parts[first]! : parts.slice(first, through + 1).join('');
      region = old.slice(0, start - from) + inserted + old.slice(end - from);
    }
    const newParts: string[] = [];
    const newCounts: number[] = [];
    let added = 0;
    const counter = this.counter;
    const n = region.length;
    for (let cut = 0; cut < n; ) {
      let next = cut + this.partChars;
      while (next < n && !counter.cutsAt(region, next)) next++;
      if (next > n) next = n;
      const part = cut === 0 && next === n ? region : region.slice(cut, next);
      const tokens = counter.count(part);
      newParts.push(part);
      newCounts.push(tokens);
      added += tokens;
      cut = next;
    }
    let dropped = 0;
    const count = parts.length === 0 ? 0 : through - first + 1;
    for (let k = first; k < first + count; k++) dropped += this.counts[k]!;
    parts.splice(first, count, ...newParts);
    this.counts.splice(first, count, ...newCounts);
    this.length += inserted.length - removed;
    this.total += added - dropped;
    this.lastCounted = n;
    return this.total;
  }
}

/**
 * The edit that turns `before` into `after`: their longest common start
 * kept, then the longest common end of what is left, the middle replaced.
 * Each code unit is compared at most once, block by block through the
 * engine's own string compare. With `caret` (where the edit is thought to
 * end in `after`: the caret after typing or pasting), the end after it is
 * checked in one compare first; when it holds, the edit found ends at the
 * caret even if a shorter one exists (a repeated character typed: "aa" →
 * "aaa"), which is as good for counting.
 */
export function diffText(before: string, after: string, caret = -1): TextEdit {
  const max = Math.min(before.length, after.length);
  let suffix = -1;
  if (caret >= 0 && caret <= after.length) {
    const k = after.length - caret;
    if (k <= before.length && (k === 0 || before.slice(before.length - k) === after.slice(caret))) suffix = k;
  }
  const prefix = commonStart(before, after, suffix < 0 ? max : Math.min(max, before.length - suffix, caret));
  if (suffix < 0) suffix = commonEnd(before, after, max - prefix);
  return {
    start: prefix,
    removed: before.length - suffix - prefix,
    inserted: after.slice(prefix, after.length - suffix),
  };
}

/** Code units compared at once (one engine compare of two slices). */
const BLOCK = 2048;

/** Length of the common start of a and b, at most `limit`. */
function commonStart(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + BLOCK <= limit && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of a and b, at most `limit`. */
function commonEnd(a: string, b: string, limit: number): number {
  const al = a.length;
  const bl = b.length;
  let k = 0;
  while (k + BLOCK <= limit && a.slice(al - k - BLOCK, al - k) === b.slice(bl - k - BLOCK, bl - k)) k += BLOCK;
  while (k < limit && a.charCodeAt(al - 1 - k) === b.charCodeAt(bl - 1 - k)) k++;
  return k;
}
