import { describe, expect, it } from 'vitest';
import { createTokenService } from '@/utils/token-service';
import { ProtocolError, type RequestContext } from '@/utils/messages';

const ctx: RequestContext = { sender: 'content', tabId: 3, frameId: 0, url: 'https://a.example/' };

describe('token service', () => {
  it('counts every requested encoding exactly', async () => {
    const service = createTokenService(() => {});
    const answer = await service['tokens.count'](
      { requestId: 'r1', text: 'Hello world <|endoftext|>', encodings: ['o200k_base', 'cl100k_base'] },
      ctx,
    );
    // tiktoken: o200k_base and cl100k_base both give [Hello, world, <, |, endo, ft, ext, |, >]-like splits.
    expect(answer.requestId).toBe('r1');
    expect(answer.chars).toBe(25);
    expect(answer.counts.o200k_base).toBeGreaterThan(3);
    expect(answer.counts.cl100k_base).toBeGreaterThan(3);
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
