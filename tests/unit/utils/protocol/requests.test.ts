import { describe, expect, it } from 'vitest';
import { CHANNEL, ProtocolError, classifySender, handleRequest, makeRequest, readReply, type Handlers } from '@/utils/protocol/validate';
import { backgroundRequests } from '@/utils/protocol/requests';

const self = { id: 'our-extension-id', baseUrl: 'chrome-extension://our-extension-id/' };
const contentSender = { id: self.id, url: 'https://news.example/article', tab: { id: 7 }, frameId: 0 };
const popupSender = { id: self.id, url: 'chrome-extension://our-extension-id/popup.html' };

const handlers: Partial<Handlers<typeof backgroundRequests>> = {
  ping: ({ nonce }, ctx) => ({ nonce, sender: ctx.sender, tabId: ctx.tabId, receivedAt: 1 }),
  'watchlist.list': () => [],
  'history.counts': () => [],
};

const ping = (payload: unknown) => ({ channel: CHANNEL, kind: 'ping', payload });

describe('classifySender', () => {
  it('knows our content scripts and our pages', () => {
    expect(classifySender(contentSender, self)).toBe('content');
    expect(classifySender(popupSender, self)).toBe('extension');
    expect(classifySender({ ...popupSender, tab: { id: 3 } }, self)).toBe('extension');
  });

  it('refuses other extensions and web pages', () => {
    expect(classifySender({ ...contentSender, id: 'another-extension' }, self)).toBeNull();
    expect(classifySender({ url: 'https://evil.example/', tab: { id: 1 } }, self)).toBeNull();
    expect(classifySender({ id: self.id, url: 'https://evil.example/' }, self)).toBeNull();
  });
});

describe('handleRequest', () => {
  it('answers a valid request with the handler’s value', async () => {
    const reply = await handleRequest(backgroundRequests, handlers, ping({ nonce: 'n1' }), contentSender, self);
    expect(reply).toEqual({ ok: true, value: { nonce: 'n1', sender: 'content', tabId: 7, receivedAt: 1 } });
  });

  it('refuses a message from a foreign extension before looking at it', async () => {
    const reply = await handleRequest(
      backgroundRequests,
      handlers,
      ping({ nonce: 'n1' }),
      { ...contentSender, id: 'another-extension' },
      self,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a message with a wrong shape', async () => {
    const cases: [unknown, string][] = [
      [null, 'bad-message'],
      ['ping', 'bad-message'],
      [{ channel: 'other', kind: 'ping', payload: { nonce: 'x' } }, 'bad-message'],
      [ping({ nonce: 42 }), 'bad-payload'],
      [ping({ nonce: 'x'.repeat(201) }), 'bad-payload'],
      [{ channel: CHANNEL, kind: 'toString', payload: {} }, 'unknown-kind'],
      [{ channel: CHANNEL, kind: '__proto__', payload: {} }, 'unknown-kind'],
    ];
    for (const [message, code] of cases) {
      const reply = await handleRequest(backgroundRequests, handlers, message, contentSender, self);
      expect(reply, JSON.stringify(message)).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('refuses a request from a context it is not meant for', async () => {
    const message = { channel: CHANNEL, kind: 'history.counts', payload: {} };
    expect(await handleRequest(backgroundRequests, handlers, message, contentSender, self)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await handleRequest(backgroundRequests, handlers, message, popupSender, self)).toEqual({
      ok: true,
      value: [],
    });
  });

  it('turns a throwing handler or a wrong answer into an error reply', async () => {
    const broken: Partial<Handlers<typeof backgroundRequests>> = {
      ping: () => {
        throw new Error('boom');
      },
      'watchlist.list': () => [{ coinId: '' }] as never,
    };
    expect(await handleRequest(backgroundRequests, broken, ping({ nonce: 'a' }), popupSender, self)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'boom' },
    });
    const message = { channel: CHANNEL, kind: 'watchlist.list', payload: {} };
    expect(await handleRequest(backgroundRequests, broken, message, popupSender, self)).toMatchObject({
      ok: false,
      error: { code: 'bad-answer' },
    });
  });
});

describe('makeRequest / readReply', () => {
  it('validates outgoing payloads', () => {
    expect(() => makeRequest(backgroundRequests, 'ping', { nonce: 5 as never })).toThrow(ProtocolError);
    expect(makeRequest(backgroundRequests, 'ping', { nonce: 'a' })).toEqual(ping({ nonce: 'a' }));
  });

  it('validates answers and rethrows remote errors with their code', () => {
    expect(() => readReply(backgroundRequests, 'ping', undefined)).toThrow(/Nobody answered/);
    expect(() => readReply(backgroundRequests, 'ping', { ok: true, value: { nonce: 1 } })).toThrow(/wrong shape/);
    try {
      readReply(backgroundRequests, 'ping', { ok: false, error: { code: 'forbidden', message: 'no' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe('forbidden');
    }
  });
});

describe('tokens.count', () => {
  const payload = backgroundRequests['tokens.count'].payload;
  const count = (encodings: unknown) => payload.safeParse({ requestId: 'r', text: 'hi', encodings }).success;

  it('takes every encoding the badge may count, each once', () => {
    expect(count(['o200k_base'])).toBe(true);
    expect(count(['llama3', 'o200k_base', 'cl100k_base', 'qwen3', 'deepseek-v3', 'gemma3'])).toBe(true);
    expect(count([])).toBe(false);
    expect(count(['o200k_base', 'o200k_base'])).toBe(false);
    expect(count(['gpt2'])).toBe(false);
  });
});
