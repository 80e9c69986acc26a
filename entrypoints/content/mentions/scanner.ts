/**
 * Keeps the mention index in step with the page: reads the whole page once in
 * idle-time slices, then watches it with a MutationObserver and rereads only
 * the blocks that changed (added nodes, edited text), batched into idle time.
 * Removed nodes drop their mentions. The page itself is never modified.
 */
import type { MentionFinder } from '@/utils/mentions';
import { whenIdle, type Slice } from './idle';
import { MentionIndex, type PageMention } from './mention-index';
import { TextBlockReader, blockOf, isBlockElement, isInsideSkipped, isSkippedElement, locate, type TextChunk } from './text-blocks';

export interface ScanStats {
  /** performance.now() when the first full read started and ended (null until it has). */
  firstScanStart: number | null;
  firstScanEnd: number | null;
  /** Characters read in total, and in the first full read. */
  chars: number;
  firstScanChars: number;
  slices: number;
  /** The longest slice of our work, in ms. */
  longestSliceMs: number;
  mutationBatches: number;
  blocksRescanned: number;
  /** Time spent in the detector, in total and at most for one chunk (ms). */
  detectMs: number;
  longestDetectMs: number;
  /** Time spent registering marks (Highlight API), in ms. */
  markMs: number;
  /** Time spent in all slices of our work, in ms. */
  workMs: number;
}

export interface ScannerOptions {
  find: MentionFinder;
  index: MentionIndex;
  /** Called after each slice with what was added and removed. */
  onChange(added: PageMention[], removed: PageMention[]): void;
  /** Called when the first full read is done. */
  onFirstScan?(): void;
  root?: () => Node | null;
  /** Run in an idle slice of its own before the first read (the detector compiles its patterns). */
  warmUp?: () => void;
}

export class MentionScanner {
  readonly stats: ScanStats = {
    firstScanStart: null,
    firstScanEnd: null,
    chars: 0,
    firstScanChars: 0,
    slices: 0,
    longestSliceMs: 0,
    mutationBatches: 0,
    blocksRescanned: 0,
    detectMs: 0,
    longestDetectMs: 0,
    markMs: 0,
    workMs: 0,
  };
  private queue: Node[] = [];
  private reader: TextBlockReader | null = null;
  private dirty = new Set<Node>();
  private needSweep = false;
  private cancelIdle: (() => void) | null = null;
  private observer: MutationObserver | null = null;
  private firstScanPending = true;
  private warmedUp = false;
  private stopped = false;

  constructor(private opts: ScannerOptions) {}

  private rootNode(): Node | null {
    return this.opts.root ? this.opts.root() : document.body;
  }

  start(): void {
    const root = this.rootNode();
    if (!root) return;
    this.stats.firstScanStart = performance.now();
    this.queue.push(root);
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(root, { childList: true, characterData: true, subtree: true });
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.queue = [];
    this.reader = null;
    this.dirty.clear();
  }

  /** Uses `find` from the next read on (before the first read: no reread needed). */
  setFinder(find: MentionFinder): void {
    this.opts.find = find;
  }

  /** Rereads the whole page (e.g. when the watchlist adds coins). */
  rescanAll(find?: MentionFinder): void {
    if (find) this.opts.find = find;
    const root = this.rootNode();
    if (!root || this.stopped) return;
    this.reader = null;
    this.queue = [root];
    this.dirty.clear();
    this.schedule();
  }

  /** True while work is queued. */
  get busy(): boolean {
    return this.queue.length > 0 || this.reader !== null || this.dirty.size > 0 || this.needSweep;
  }

  /** Queues the next slice; `after` (the slice just done) lets it continue in the same idle period. */
  private schedule(after?: Slice): void {
    if (this.cancelIdle || this.stopped) return;
    this.cancelIdle = whenIdle(
      (slice) => {
        this.cancelIdle = null;
        this.work(slice);
      },
      undefined,
      after,
    );
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      const target = r.target;
      if (isInsideSkipped(target)) continue;
      if (r.type === 'characterData') {
        const b = blockOf(target);
        if (b) this.dirty.add(b);
        continue;
      }
      let inlineChange = false;
      for (const n of r.removedNodes) {
        this.needSweep = true;
        if (n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE && !isBlockElement(n as Element))) inlineChange = true;
      }
      for (const n of r.addedNodes) {
        if (n.nodeType === Node.TEXT_NODE) inlineChange = true;
        else if (n.nodeType === Node.ELEMENT_NODE) {
          const el = n as Element;
          if (isSkippedElement(el)) continue;
          if (isBlockElement(el)) this.dirty.add(el);
          else inlineChange = true;
        }
      }
      if (inlineChange) {
        const b = blockOf(target);
        if (b) this.dirty.add(b);
      }
    }
    if (this.dirty.size || this.needSweep) {
      this.stats.mutationBatches++;
      this.schedule();
    }
  }

  private takeDirty(): void {
    if (this.dirty.size === 0) return;
    const roots = [...this.dirty].filter((n) => n.isConnected);
    this.dirty.clear();
    // Only the outermost of nested dirty blocks.
    const outer = roots.length > 300 ? [this.rootNode()!] : roots.filter((a) => !roots.some((b) => b !== a && b.contains(a)));
    this.stats.blocksRescanned += outer.length;
    this.queue.push(...outer);
  }

  private work(slice: Slice): void {
    if (this.stopped) return;
    const t0 = performance.now();
    if (!this.warmedUp) {
      this.warmedUp = true;
      if (this.opts.warmUp) {
        this.opts.warmUp();
        this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, performance.now() - t0);
        this.schedule(slice);
        return;
      }
    }
    const added: PageMention[] = [];
    const removed: PageMention[] = [];
    if (this.needSweep) {
      this.needSweep = false;
      removed.push(...this.opts.index.sweep());
    }
    this.takeDirty();
    while (slice.hasTime()) {
      if (!this.reader) {
        const next = this.queue.shift();
        if (!next) break;
        if (!next.isConnected) continue;
        this.reader = new TextBlockReader(next);
      }
      const chunk = this.reader.next(() => slice.hasTime());
      if (chunk === 'paused') break;
      if (chunk === null) {
        this.reader = null;
        continue;
      }
      this.indexChunk(chunk, added, removed);
    }
    if (added.length || removed.length) {
      const m0 = performance.now();
      this.opts.onChange(added, removed);
      this.stats.markMs += performance.now() - m0;
    }
    const elapsed = performance.now() - t0;
    this.stats.slices++;
    this.stats.workMs += elapsed;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, elapsed);
    if (this.busy) {
      this.schedule(slice);
    } else if (this.firstScanPending) {
      this.firstScanPending = false;
      this.stats.firstScanEnd = performance.now();
      this.stats.firstScanChars = this.stats.chars;
      this.opts.onFirstScan?.();
    }
  }

  private indexChunk(chunk: TextChunk, added: PageMention[], removed: PageMention[]): void {
    const { index } = this.opts;
    this.stats.chars += chunk.text.length;
    for (const s of chunk.segments) index.removeNode(s.node, removed);
    const d0 = performance.now();
    const found = this.opts.find(chunk.text);
    const detectMs = performance.now() - d0;
    this.stats.detectMs += detectMs;
    this.stats.longestDetectMs = Math.max(this.stats.longestDetectMs, detectMs);
    for (const m of found) {
      const a = locate(chunk, m.start);
      const b = locate(chunk, m.end, true);
      if (!a || !b) continue;
      const parts = [];
      for (const s of chunk.segments) {
        const segEnd = s.start + s.length;
        if (segEnd <= m.start || s.start >= m.end) continue;
        parts.push({
          node: s.node,
          start: s.nodeStart + Math.max(m.start, s.start) - s.start,
          end: s.nodeStart + Math.min(m.end, segEnd) - s.start,
        });
      }
      let range: AbstractRange;
      try {
        range = new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
      } catch {
        continue;
      }
      const pm: PageMention = { coinId: m.coinId, symbol: m.symbol, kind: m.kind, parts, range };
      if (index.add(pm)) added.push(pm);
    }
  }
}
