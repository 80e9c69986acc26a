import { describe, expect, it, vi } from 'vitest';
import { COUNT_STALL_MS, dispatchProgress, STALLED, startCount, UPLOAD_SLICE, type CountProgress } from '@/entrypoints/content/selection-badge/selection-counter';
import { ProtocolError } from '@/utils/protocol/validate';

type Call = { kind: string; payload: Record<string, unknown> };

function fakeSend(calls: Call[], answer: (payload: Record<string, unknown>) => unknown = () => ({})) {
  return (async (kind: string, payload: Record<string, unknown>) => {
    calls.push({ kind, payload });
    if (kind === 'tokens.upload') return { received: 0 };
    if (kind === 'tokens.cancel') return { cancelled: true };
    return answer(payload);
  }) as never;
}

describe('counting a selection from the page', () => {
  it('sends a short text in one request with the page title for the history', async () => {
    const calls: Call[] = [];
    const job = startCount('short text', ['o200k_base', 'cl100k_base'], {
      title: 'T',
      send: fakeSend(calls, (p) => ({ requestId: p.requestId, counts: { o200k_base: 2 }, chars: 10, words: 2 })),
    });
    expect((await job.result).counts.o200k_base).toBe(2);
    expect(calls.map((c) => c.kind)).toEqual(['tokens.count']);
    expect(calls[0]!.payload).toMatchObject({ text: 'short text', encodings: ['o200k_base', 'cl100k_base'], history: { title: 'T' } });
    expect(calls[0]!.payload.uploaded).toBeUndefined();
  });

  it('sends a long text in slices, then the last slice with `uploaded`, reporting progress', async () => {
    const calls: Call[] = [];
    const text = 'lorem ipsum '.repeat(Math.ceil((UPLOAD_SLICE * 2.5) / 12));
    const seen: CountProgress[] = [];
    const job = startCount(text, ['o200k_base'], {
      onProgress: (p) => seen.push(p),
      send: fakeSend(calls, (p) => {
        dispatchProgress(p.requestId as string, 50, 100);
        return { requestId: p.requestId, counts: { o200k_base: 1 }, chars: 1, words: 1 };
      }),
    });
    await job.result;
    expect(calls.map((c) => c.kind)).toEqual(['tokens.upload', 'tokens.upload', 'tokens.count']);
    expect(calls.map((c) => c.payload.text as string).join('')).toBe(text);
    expect(calls.every((c) => c.payload.requestId === job.requestId)).toBe(true);
    expect(calls[2]!.payload.uploaded).toBe(true);
    expect(seen.filter((p) => p.phase === 'sending').length).toBe(2);
    expect(seen.at(-1)).toEqual({ phase: 'counting', fraction: 0.5 });
  });

  it('stops sending and tells the background when cancelled', async () => {
    const calls: Call[] = [];
    const text = 'x '.repeat(UPLOAD_SLICE * 2);
    const job = startCount(text, ['o200k_base'], { send: fakeSend(calls) });
    job.cancel();
    const error = await job.result.catch((e: unknown) => e);
    expect((error as ProtocolError).code).toBe('cancelled');
    expect(calls.map((c) => c.kind)).toEqual(['tokens.cancel']);
  });
});

describe('request ids', () => {
  it('are random hex strings, without needing a secure context', async () => {
    const { newRequestId } = await import('@/entrypoints/content/selection-badge/selection-counter');
    const ids = new Set(Array.from({ length: 100 }, () => newRequestId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('counting when the background restarts or goes quiet', () => {
  it('starts over once when the background lost the uploaded slices, then fails clearly', async () => {
    const text = 'word '.repeat(UPLOAD_SLICE / 2);
    const calls: Call[] = [];
    let lost = 1;
    const send = (async (kind: string, payload: Record<string, unknown>) => {
      calls.push({ kind, payload });
      if (kind === 'tokens.upload') return { received: 0 };
      if (lost-- > 0) throw new ProtocolError('cancelled', 'The start of this text was replaced by a newer selection.');
      return { requestId: payload.requestId, counts: { o200k_base: 7 }, chars: 1, words: 1 };
    }) as never;
    const answer = await startCount(text, ['o200k_base'], { send }).result;
    expect(answer.counts).toEqual({ o200k_base: 7 });
    expect(calls.filter((c) => c.kind === 'tokens.count')).toHaveLength(2);
    // Every slice was sent again for the second try.
    const uploads = calls.filter((c) => c.kind === 'tokens.upload').length;
    expect(uploads).toBeGreaterThan(0);
    expect(uploads % 2).toBe(0);

    lost = 5;
    const error = await startCount(text, ['o200k_base'], { send }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe('failed');
  });

  it('fails after COUNT_STALL_MS without any word from the background, not before', async () => {
    vi.useFakeTimers();
    try {
      const send = (async (kind: string) => (kind === 'tokens.cancel' ? {} : new Promise(() => {}))) as never;
      const job = startCount('some text', ['o200k_base'], { send });
      const settled = vi.fn();
      const result = job.result.catch((e: unknown) => {
        settled(e);
        return e;
      });
      await vi.advanceTimersByTimeAsync(COUNT_STALL_MS - 1000);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(2000);
      const error = (await result) as Error;
      expect(error.name).toBe(STALLED);
    } finally {
      vi.useRealTimers();
    }
  });
});
