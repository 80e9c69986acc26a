/**
 * Finds a model's added tokens (`<|im_start|>`, `<start_of_turn>`, Gemma's
 * `\n\n` runs…) in raw text as Hugging Face's `tokenizers` does before
 * anything else: leftmost match first, the longest one at that position.
 * A trie over UTF-16 code units, entered only at code units that begin some
 * added token.
 */
interface Node {
  next: Map<number, Node>;
  end: boolean;
  /** Index in the constructor's list of the token ending here (the last one, if listed twice). */
  index: number;
}

export class AddedTokens {
  private readonly root: Node = { next: new Map(), end: false, index: -1 };
  private readonly starts = new Uint8Array(0x10000);
  /** Where the last match found by `find` ends. */
  matchEnd = 0;
  /** Which token (index in the constructor's list) the last match found by `find` is. */
  matchIndex = -1;

  constructor(tokens: readonly string[]) {
    tokens.forEach((token, index) => {
      if (!token) return;
      let node = this.root;
      for (let k = 0; k < token.length; k++) {
        const c = token.charCodeAt(k);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map(), end: false, index: -1 }));
        node = child;
      }
      node.end = true;
      node.index = index;
      this.starts[token.charCodeAt(0)] = 1;
    });
  }

  /** Start of the first added token in s[from, n), setting `matchEnd`; or n if there is none. */
  find(s: string, from: number, n: number): number {
    const starts = this.starts;
    for (let i = from; i < n; i++) {
      if (starts[s.charCodeAt(i)] === 0) continue;
      let node: Node | undefined = this.root;
      let end = -1;
      let index = -1;
      for (let k = i; k < n; k++) {
        node = node.next.get(s.charCodeAt(k));
        if (!node) break;
        if (node.end) {
          end = k + 1;
          index = node.index;
        }
      }
      if (end > 0) {
        this.matchEnd = end;
        this.matchIndex = index;
        return i;
      }
    }
    return n;
  }
}
