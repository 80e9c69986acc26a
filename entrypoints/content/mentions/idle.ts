/**
 * Idle-time scheduling for page work: `requestIdleCallback` where the browser
 * has it, a short timer otherwise. Each slice of work gets a deadline so no
 * task of ours runs long (the budget is well under the 50 ms of a long task).
 *
 * A browser idle period lasts up to 50 ms, but an idle callback requested
 * from inside one only runs in the *next* idle period. So when a slice ends
 * with idle time to spare, the next slice runs in a new task of its own
 * (posted through a MessageChannel, which lets input and rendering in between)
 * within the same idle period, instead of leaving the rest of it unused: on a
 * page with 1 MB of text that waiting was two thirds of the time to read it.
 */

/** How long one slice of our work may run, in ms. */
export const SLICE_MS = 12;
/** A slice is started within the current idle period only when at least this much of it is left, in ms. */
export const MIN_CONTINUE_MS = 4;

export interface Slice {
  /** True while this slice may keep working. */
  hasTime(): boolean;
  /** How much of the browser's idle period is left, in ms (0 when unknown or over). */
  idleLeft(): number;
}

type Work = (slice: Slice) => void;

/** A slice that may run until `idleEnd` (a performance.now() time), at most SLICE_MS. */
function sliceUntil(idleEnd: number): Slice {
  const started = performance.now();
  const idleLeft = () => Math.max(0, idleEnd - performance.now());
  return { hasTime: () => performance.now() - started < SLICE_MS && idleLeft() > 1, idleLeft };
}

/** Runs `work` in a task of its own as soon as possible; returns a cancel function. */
function inNextTask(run: () => void): () => void {
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    let cancelled = false;
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) run();
    };
    channel.port2.postMessage(null);
    return () => {
      cancelled = true;
      channel.port1.close();
    };
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
}

/**
 * Runs `work` in idle time (at the latest after `timeoutMs`); returns a cancel
 * function. Pass the slice that just ended as `after`: while its idle period
 * has at least MIN_CONTINUE_MS left, the work continues in the next task.
 */
export function whenIdle(work: Work, timeoutMs = 250, after?: Slice): () => void {
  const left = after?.idleLeft() ?? 0;
  if (left >= MIN_CONTINUE_MS) {
    const idleEnd = performance.now() + left;
    return inNextTask(() => work(sliceUntil(idleEnd)));
  }
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(
      (deadline) => work(sliceUntil(performance.now() + (deadline.didTimeout ? SLICE_MS : deadline.timeRemaining()))),
      { timeout: timeoutMs },
    );
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => work(sliceUntil(performance.now() + SLICE_MS)), 16);
  return () => clearTimeout(id);
}
