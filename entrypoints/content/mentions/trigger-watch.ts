/**
 * Watches a page for the first text that could hold a token mention, before
 * the detector is loaded, in idle time: the whole body once, then what is
 * added or edited. Each root passes the trigger's cheap first pass on its
 * `textContent`; only then are the blocks around its first-pass hits read as
 * the detector reads them (text-blocks.ts: blocks apart, code and fields
 * skipped), in idle slices, and tested with word boundaries. So a page whose
 * text only looks like a mention when its blocks run together ("Price" +
 * "$TAO" → "Price$TAO") is still found, one that merely contains "WASI-SDK"
 * never loads the detector, and neither reads more of the page than the
 * paragraphs around such look-alikes.
 */
import type { MentionTrigger } from '@/utils/mentions/triggers';
import { blockOf, TextBlockReader } from './text-blocks';

/** Longest slice of reading without an idle deadline (where the browser has none). */
const SLICE_MS = 8;
/** First-pass hits in one root beyond which the whole root is read instead of the blocks around them. */
const HITS_MAX = 64;

type Deadline = { timeRemaining(): number } | null;

/** Waits for idle time (or `timeout` ms), where the browser has it. */
function idle(fn: (deadline: Deadline) => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => fn(null), 1);
  return () => clearTimeout(id);
}

/**
 * The blocks to read for `root`: those holding a first-pass hit of its text
 * (the block of the text node where the hit starts), or `root` itself when
 * there are many. Empty when nothing passes the first pass.
 */
function blocksToRead(root: Node, re: MentionTrigger): Node[] {
  const text = root.textContent ?? '';
  if (!re.loose(text)) return [];
  const starts = re.looseStarts(text, HITS_MAX);
  if (!starts) return [root];
  const blocks = new Set<Node>();
  // textContent is the text nodes' data one after another: find the node where each hit starts.
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node: Node | null = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode();
  let end = node ? (node as Text).data.length : 0;
  for (const start of starts) {
    while (node && start >= end) {
      node = walker.nextNode();
      end += node ? (node as Text).data.length : 0;
    }
    if (!node) break;
    blocks.add(blockOf(node) ?? root);
  }
  return [...blocks];
}

export interface TriggerWatch {
  stop(): void;
  /** True once the page as it was has been read without finding anything, and only changes are watched. */
  watching(): boolean;
}

/** Calls `found` once the page's text may hold a mention. */
export function watchForTrigger(trigger: Promise<MentionTrigger>, found: () => void): TriggerWatch {
  let firstReadDone = false;
  let stopped = false;
  let cancelIdle: (() => void) | null = null;
  let observer: MutationObserver | null = null;
  let re: MentionTrigger | null = null;
  /** Added or edited nodes not yet tested. */
  const pending = new Set<Node>();
  /** Blocks to read as the detector does. */
  const queue: Node[] = [];
  let reader: TextBlockReader | null = null;

  const stop = () => {
    stopped = true;
    cancelIdle?.();
    observer?.disconnect();
    pending.clear();
    queue.length = 0;
    reader = null;
  };
  const schedule = (timeout: number) => {
    if (!cancelIdle && !stopped) cancelIdle = idle(work, timeout);
  };

  function work(deadline: Deadline) {
    cancelIdle = null;
    if (stopped || !re) return;
    const until = performance.now() + SLICE_MS;
    const hasTime = () => (deadline ? deadline.timeRemaining() > 1 : performance.now() < until);
    for (const node of pending) if (node.isConnected) queue.push(...blocksToRead(node, re));
    pending.clear();
    while (reader || queue.length) {
      reader ??= new TextBlockReader(queue.shift()!);
      const chunk = reader.next(hasTime);
      if (chunk === null) {
        reader = null;
        if (!queue.length) firstReadDone = true;
      } else if (chunk !== 'paused' && re.test(chunk.text)) {
        stop();
        found();
        return;
      }
      if ((reader || queue.length) && !hasTime()) return schedule(1000);
    }
  }

  void trigger.then((t) => {
    if (stopped) return;
    re = t;
    cancelIdle = idle(() => {
      cancelIdle = null;
      if (stopped) return;
      observer = new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData') pending.add(r.target);
          else r.addedNodes.forEach((n) => pending.add(n));
        }
        if (pending.size) schedule(1000);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      const body = document.body;
      queue.push(...(body ? blocksToRead(body, t) : []));
      if (queue.length) work(null);
      else firstReadDone = true;
    }, 2000);
  });
  return { stop, watching: () => firstReadDone && !stopped };
}
