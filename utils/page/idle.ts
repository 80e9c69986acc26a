/**
 * Idle-time scheduling for page work: `requestIdleCallback` where the browser
 * has it, a short timer otherwise. Each slice of work gets a deadline so no
 * task of ours runs long (the budget is well under the 50 ms of a long task).
 */

/** How long one slice of our work may run, in ms. */
export const SLICE_MS = 12;

export interface Slice {
  /** True while this slice may keep working. */
  hasTime(): boolean;
}

/** Runs `work` in the next idle period (at the latest after `timeoutMs`); returns a cancel function. */
export function whenIdle(work: (slice: Slice) => void, timeoutMs = 250): () => void {
  const run = (idleLeft: () => number) => {
    const started = performance.now();
    work({ hasTime: () => performance.now() - started < SLICE_MS && idleLeft() > 1 });
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((deadline) => run(() => (deadline.didTimeout ? SLICE_MS : deadline.timeRemaining())), {
      timeout: timeoutMs,
    });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => run(() => SLICE_MS), 16);
  return () => clearTimeout(id);
}
