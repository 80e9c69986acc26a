import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIN_CONTINUE_MS, SLICE_MS, whenIdle, type Slice } from '@/entrypoints/content/mentions/idle';

/** A finished slice with `left` ms of its idle period to spare. */
const endedSlice = (left: number): Slice => ({ hasTime: () => false, idleLeft: () => left });

const nextSlice = (after?: Slice) =>
  new Promise<{ slice: Slice; idleLeft: number; hasTime: boolean }>((resolve) =>
    whenIdle((slice) => resolve({ slice, idleLeft: slice.idleLeft(), hasTime: slice.hasTime() }), 250, after),
  );

describe('whenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('without requestIdleCallback runs on a timer with one slice of time', async () => {
    expect(typeof requestIdleCallback).toBe('undefined');
    const { idleLeft, hasTime } = await nextSlice();
    expect(hasTime).toBe(true);
    expect(idleLeft).toBeLessThanOrEqual(SLICE_MS);
  });

  it('continues in the same idle period while enough of it is left, never past its end', async () => {
    const ric = vi.fn();
    vi.stubGlobal('requestIdleCallback', ric);
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    // A long period, so a busy test machine cannot use it up before the next task runs.
    const { idleLeft, hasTime } = await nextSlice(endedSlice(5000));
    expect(ric).not.toHaveBeenCalled();
    expect(hasTime).toBe(true);
    expect(idleLeft).toBeGreaterThan(0);
    expect(idleLeft).toBeLessThanOrEqual(5000);
  });

  it('waits for the next idle period when the last one is (nearly) over', async () => {
    const ric = vi.fn((cb: IdleRequestCallback) => {
      queueMicrotask(() => cb({ didTimeout: false, timeRemaining: () => 1000 }));
      return 1;
    });
    vi.stubGlobal('requestIdleCallback', ric);
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    const { slice, idleLeft } = await nextSlice(endedSlice(MIN_CONTINUE_MS - 1));
    expect(ric).toHaveBeenCalledTimes(1);
    expect(idleLeft).toBeGreaterThan(500);
    expect(idleLeft).toBeLessThanOrEqual(1000);
    // A slice still stops after SLICE_MS even with idle time left.
    const until = performance.now() + SLICE_MS + 2;
    while (performance.now() < until) {
      /* busy */
    }
    expect(slice.hasTime()).toBe(false);
    expect(slice.idleLeft()).toBeGreaterThan(0);
  });

  it('a timed-out idle callback gets one slice and no continuation', async () => {
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => {
      queueMicrotask(() => cb({ didTimeout: true, timeRemaining: () => 0 }));
      return 1;
    });
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    const { idleLeft, hasTime } = await nextSlice();
    expect(hasTime).toBe(true);
    expect(idleLeft).toBeLessThanOrEqual(SLICE_MS);
  });

  it('cancels a continuation before it runs', async () => {
    const work = vi.fn();
    const cancel = whenIdle(work, 250, endedSlice(30));
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(work).not.toHaveBeenCalled();
  });
});
