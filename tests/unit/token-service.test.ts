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
    // tiktoken's encode_ordinary gives 9 (o200k_base) and 8 (cl100k_base) tokens for this text.
    expect(answer).toEqual({ requestId: 'r1', chars: 25, counts: { o200k_base: 9, cl100k_base: 8 } });
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
