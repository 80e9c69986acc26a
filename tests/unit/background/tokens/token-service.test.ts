import { describe, expect, it, vi } from 'vitest';
import { createTokenService, MAX_UPLOAD_CHARS, MAX_UPLOADS_TOTAL_CHARS } from '@/entrypoints/background/tokens/token-service';
import { HISTORY_WRITES_PER_TAB_PER_MINUTE } from '@/utils/model/limits';
import { ProtocolError, type RequestContext } from '@/utils/protocol/validate';

const ctx: RequestContext = { sender: 'content', tabId: 3, frameId: 0, url: 'https://a.example/' };

describe('token service', () => {
  it('counts every requested encoding exactly', async () => {
    const service = createTokenService(() => {});
    const answer = await service['tokens.count'](
      { requestId: 'r1', text: 'Hello world <|endoftext|>', encodings: ['o200k_base', 'cl100k_base'] },
      ctx,
    );
    // tiktoken's encode_ordinary gives 9 (o200k_base) and 8 (cl100k_base) tokens for this text.
    // Words: Hello, world, endoftext (Intl.Segmenter).
    expect(answer).toEqual({ requestId: 'r1', chars: 25, words: 3, counts: { o200k_base: 9, cl100k_base: 8 } });
  }, 30_000); // the first count loads both rank tables

  it('cancels a running count on request and reports "cancelled"', async () => {
    const service = createTokenService(() => {});
    const pending = service['tokens.count']({ requestId: 'slow', text: 'x'.repeat(10), encodings: ['o200k_base'] }, ctx);
    expect(await service['tokens.cancel']({ requestId: 'slow' }, ctx)).toEqual({ cancelled: true });
    const error = await Promise.resolve(pending).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe('cancelled');
    expect(await service['tokens.cancel']({ requestId: 'unknown' }, ctx)).toEqual({ cancelled: false });
  });
});

describe('token service: slices, words, history', () => {
  it('joins uploaded slices with the final text and counts words and characters', async () => {
    const service = createTokenService(() => {});
    const parts = ['Hello wor', 'ld, this is ', 'हिंदी 😀 text.'];
    const whole = parts.join('');
    expect(await service['tokens.upload']({ requestId: 'u1', text: parts[0]! }, ctx)).toEqual({ received: 9 });
    expect(await service['tokens.upload']({ requestId: 'u1', text: parts[1]! }, ctx)).toEqual({ received: 21 });
    const joined = await service['tokens.count']({ requestId: 'u1', text: parts[2]!, encodings: ['o200k_base'], uploaded: true }, ctx);
    const direct = await service['tokens.count']({ requestId: 'd1', text: whole, encodings: ['o200k_base'] }, ctx);
    expect(joined.counts).toEqual(direct.counts);
    expect(joined.chars).toBe([...whole].length);
    expect(joined.words).toBe(6); // Hello world this is हिंदी text
  }, 30_000);

  it('drops a tab’s older upload when a newer selection starts, and reports it as cancelled', async () => {
    const service = createTokenService(() => {});
    await service['tokens.upload']({ requestId: 'old', text: 'a'.repeat(10) }, ctx);
    await service['tokens.upload']({ requestId: 'new', text: 'b'.repeat(10) }, ctx);
    const error = await Promise.resolve(
      service['tokens.count']({ requestId: 'old', text: 'end', encodings: ['o200k_base'], uploaded: true }, ctx),
    ).catch((e: unknown) => e);
    expect((error as ProtocolError).code).toBe('cancelled');
    // Another tab's upload is its own.
    const other: RequestContext = { ...ctx, tabId: 9 };
    await expect((async () => service['tokens.upload']({ requestId: 'new', text: 'x' }, other))()).rejects.toThrow(/another tab/);
    expect(await service['tokens.cancel']({ requestId: 'new' }, ctx)).toEqual({ cancelled: true });
  });

  it('hands a page’s count to the recorder only when asked, with the sender’s address', async () => {
    const recorded: unknown[] = [];
    const service = createTokenService(() => {}, (c) => void recorded.push(c));
    await service['tokens.count']({ requestId: 'h0', text: 'not kept', encodings: ['o200k_base'] }, ctx);
    expect(recorded).toEqual([]);
    const answer = await service['tokens.count'](
      { requestId: 'h1', text: 'kept text', encodings: ['cl100k_base', 'o200k_base'], history: { title: 'Page' } },
      ctx,
    );
    expect(recorded).toEqual([
      { url: 'https://a.example/', title: 'Page', text: 'kept text', encoding: 'cl100k_base', counts: answer.counts, chars: 9, words: 2 },
    ]);
    // Extension pages (no page address) are never recorded.
    await service['tokens.count'](
      { requestId: 'h2', text: 'popup', encodings: ['o200k_base'], history: { title: 'x' } },
      { sender: 'extension', tabId: null, frameId: null, url: null },
    );
    expect(recorded).toHaveLength(1);
  });

  it('reports progress for long texts, ending at the total', async () => {
    const progress: [number, string, number, number][] = [];
    const service = createTokenService((tab, id, done, total) => progress.push([tab, id, done, total]));
    const text = 'Lorem ipsum dolor sit amet. '.repeat(10_000);
    await service['tokens.count']({ requestId: 'p1', text, encodings: ['o200k_base'] }, ctx);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last[0]).toBe(3);
    expect(last[1]).toBe('p1');
    expect(last[2]).toBeLessThanOrEqual(last[3]);
    expect(last[3]).toBe(text.length * 2);
    // Reports are rationed: never two within PROGRESS_INTERVAL_MS (the text takes far less to count than 100 reports).
    expect(progress.length).toBeLessThan(100);
  }, 30_000);
});

describe('token service: limits a page cannot get around', () => {
  it('records at most HISTORY_WRITES_PER_TAB_PER_MINUTE counts a minute per tab, and still answers the others', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const recorded: string[] = [];
      const service = createTokenService(() => {}, (c) => void recorded.push(c.text));
      const count = (id: string, tabId: number) =>
        service['tokens.count']({ requestId: id, text: `text ${id}`, encodings: ['o200k_base'], history: { title: 'T' } }, { ...ctx, tabId });
      for (let i = 0; i < HISTORY_WRITES_PER_TAB_PER_MINUTE + 5; i++) expect((await count(`a${i}`, 3)).counts.o200k_base).toBeGreaterThan(0);
      expect(recorded).toHaveLength(HISTORY_WRITES_PER_TAB_PER_MINUTE);
      // Another tab has its own allowance; a minute later the first tab's is back.
      await count('b0', 4);
      expect(recorded).toHaveLength(HISTORY_WRITES_PER_TAB_PER_MINUTE + 1);
      vi.setSystemTime(Date.now() + 61_000);
      await count('a-late', 3);
      expect(recorded.at(-1)).toBe('text a-late');
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks the size of uploaded slices before joining them', async () => {
    const service = createTokenService(() => {});
    const slice = 'a'.repeat(MAX_UPLOAD_CHARS / 2);
    await service['tokens.upload']({ requestId: 'big', text: slice }, ctx);
    await service['tokens.upload']({ requestId: 'big', text: slice }, ctx);
    const join = vi.spyOn(Array.prototype, 'join');
    try {
      const error = await Promise.resolve(
        service['tokens.count']({ requestId: 'big', text: 'one more', encodings: ['o200k_base'], uploaded: true }, ctx),
      ).catch((e: unknown) => e);
      expect((error as ProtocolError).code).toBe('bad-payload');
      expect(join.mock.calls.filter(([sep]) => sep === '')).toEqual([]);
    } finally {
      join.mockRestore();
    }
  });

  it('caps the text waiting in slices from all tabs together', async () => {
    const service = createTokenService(() => {});
    const slice = 'a'.repeat(MAX_UPLOAD_CHARS);
    await service['tokens.upload']({ requestId: 't1', text: slice }, { ...ctx, tabId: 1 });
    await service['tokens.upload']({ requestId: 't2', text: slice }, { ...ctx, tabId: 2 });
    await expect((async () => service['tokens.upload']({ requestId: 't3', text: 'a' }, { ...ctx, tabId: 5 }))()).rejects.toThrow(/waiting/);
    expect(MAX_UPLOADS_TOTAL_CHARS).toBe(2 * MAX_UPLOAD_CHARS);
  });
});
