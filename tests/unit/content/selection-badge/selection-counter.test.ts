import { describe, expect, it } from 'vitest';
import { dispatchProgress, startCount, UPLOAD_SLICE, type CountProgress } from '@/entrypoints/content/selection-badge/selection-counter';
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
