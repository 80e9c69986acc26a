/**
 * The mentions found on the page, indexed by text node so that hit-testing a
 * caret position is a map lookup. Holds no more than `MAX_MENTIONS`; mentions
 * whose nodes left the document are dropped by `sweep()`.
 */
import type { MentionKind } from '@/utils/mentions';

export interface MentionPart {
  node: Text;
  start: number;
  end: number;
}

export interface PageMention {
  coinId: string;
  symbol: string;
  kind: MentionKind;
  parts: MentionPart[];
  /** For the Highlight API; cheap (not updated on DOM changes, we rescan instead). */
  range: AbstractRange;
}

/** Upper bound on indexed mentions, so an endless feed cannot grow memory without limit. */
export const MAX_MENTIONS = 20_000;

export class MentionIndex {
  private byNode = new Map<Text, PageMention[]>();
  private all = new Set<PageMention>();
  /** Mentions not indexed because the index was full. */
  dropped = 0;

  get size(): number {
    return this.all.size;
  }

  /** Text nodes the index holds on to (memory check: never more than the mentions). */
  get nodeCount(): number {
    return this.byNode.size;
  }

  /** Adds a mention; false when the index is full. */
  add(m: PageMention): boolean {
    if (this.all.size >= MAX_MENTIONS) {
      this.dropped++;
      return false;
    }
    this.all.add(m);
    for (const p of m.parts) {
      const list = this.byNode.get(p.node);
      if (list) list.push(m);
      else this.byNode.set(p.node, [m]);
    }
    return true;
  }

  private drop(m: PageMention, removed: PageMention[]) {
    if (!this.all.delete(m)) return;
    removed.push(m);
    for (const p of m.parts) {
      const list = this.byNode.get(p.node);
      if (!list) continue;
      const rest = list.filter((x) => x !== m);
      if (rest.length) this.byNode.set(p.node, rest);
      else this.byNode.delete(p.node);
    }
  }

  /** Removes every mention touching `node`; returns them. */
  removeNode(node: Text, removed: PageMention[] = []): PageMention[] {
    const list = this.byNode.get(node);
    if (list) for (const m of [...list]) this.drop(m, removed);
    return removed;
  }

  /** Removes mentions whose nodes are no longer in the document. */
  sweep(): PageMention[] {
    const removed: PageMention[] = [];
    for (const node of [...this.byNode.keys()]) if (!node.isConnected) this.removeNode(node, removed);
    return removed;
  }

  /** Mentions in `node` covering character offset `offset` (either edge counts). */
  at(node: Node, offset: number): PageMention[] {
    const list = this.byNode.get(node as Text);
    if (!list) return [];
    return list.filter((m) => m.parts.some((p) => p.node === node && offset >= p.start && offset <= p.end));
  }

  /** Mentions with a part in `node`. */
  inNode(node: Node): readonly PageMention[] {
    return this.byNode.get(node as Text) ?? [];
  }

  mentions(): IterableIterator<PageMention> {
    return this.all.values();
  }

  /** How many mentions of each coin are indexed. */
  counts(): Map<string, { symbol: string; count: number }> {
    const out = new Map<string, { symbol: string; count: number }>();
    for (const m of this.all) {
      const c = out.get(m.coinId);
      if (c) c.count++;
      else out.set(m.coinId, { symbol: m.symbol, count: 1 });
    }
    return out;
  }

  clear(): PageMention[] {
    const removed = [...this.all];
    this.all.clear();
    this.byNode.clear();
    return removed;
  }
}
