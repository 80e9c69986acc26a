/**
 * The sender check with the shapes real browsers give `runtime.onMessage`
 * (captured from Chrome and Firefox): it must recognise our pages and content
 * scripts in both, and fail closed on anything else.
 */
import { describe, expect, it } from 'vitest';
import { classifySender, CHANNEL, handleRequest } from '@/utils/protocol/validate';
import { backgroundRequests } from '@/utils/protocol/requests';

const chromeSelf = { id: 'abcdefghijklmnopabcdefghijklmnop', baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' };
const firefoxSelf = { id: 'token-insight@token-insight.dev', baseUrl: 'moz-extension://0b8f2c1e-1d2a-4c55-9d2e-3a4b5c6d7e8f/' };
const tab = { id: 12, index: 0, windowId: 1, url: 'https://news.example/a', active: true, incognito: false };

const chrome = {
  popup: { id: chromeSelf.id, url: `${chromeSelf.baseUrl}popup.html`, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
  optionsInTab: { id: chromeSelf.id, url: `${chromeSelf.baseUrl}options.html`, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', tab: { ...tab, url: `${chromeSelf.baseUrl}options.html` }, frameId: 0 },
  content: { id: chromeSelf.id, url: 'https://news.example/a', tab, frameId: 0, documentId: 'D0C', documentLifecycle: 'active', origin: 'https://news.example' },
  subframe: { id: chromeSelf.id, url: 'https://ads.example/frame', tab, frameId: 3, documentId: 'D0D', origin: 'https://ads.example' },
};
const firefox = {
  popup: { id: firefoxSelf.id, url: `${firefoxSelf.baseUrl}popup.html`, envType: 'addon_child' },
  content: { id: firefoxSelf.id, url: 'https://news.example/a', tab, frameId: 0, envType: 'content_child' },
};

describe('classifySender with real sender shapes', () => {
  it('recognises Chrome’s popup, options tab and content scripts', () => {
    expect(classifySender(chrome.popup, chromeSelf)).toBe('extension');
    expect(classifySender(chrome.optionsInTab, chromeSelf)).toBe('extension');
    expect(classifySender(chrome.content, chromeSelf)).toBe('content');
    expect(classifySender(chrome.subframe, chromeSelf)).toBe('content');
  });

  it('recognises Firefox’s moz-extension pages and content scripts', () => {
    expect(classifySender(firefox.popup, firefoxSelf)).toBe('extension');
    expect(classifySender(firefox.content, firefoxSelf)).toBe('content');
  });

  it('recognises the background messaging a tab’s content script (Chrome service worker, Firefox background page)', () => {
    expect(classifySender({ id: chromeSelf.id, url: `${chromeSelf.baseUrl}background.js`, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' }, chromeSelf)).toBe('extension');
    expect(classifySender({ id: firefoxSelf.id, url: `${firefoxSelf.baseUrl}_generated_background_page.html`, envType: 'addon_child' } as never, firefoxSelf)).toBe('extension');
  });

  it('fails closed: no URL and no tab is not an extension page', () => {
    expect(classifySender({ id: chromeSelf.id }, chromeSelf)).toBeNull();
    expect(classifySender({ id: firefoxSelf.id, envType: 'addon_child' } as never, firefoxSelf)).toBeNull();
    expect(classifySender({ id: chromeSelf.id, tab: {} }, chromeSelf)).toBeNull();
    expect(classifySender({ id: chromeSelf.id, url: '' }, chromeSelf)).toBeNull();
  });

  it('refuses other extensions, look-alike URLs and a missing id', () => {
    expect(classifySender({ ...chrome.popup, id: 'other' }, chromeSelf)).toBeNull();
    expect(classifySender({ id: chromeSelf.id, url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnopX/popup.html' }, chromeSelf)).toBeNull();
    expect(classifySender({ id: chromeSelf.id, url: 'https://evil.example/' }, chromeSelf)).toBeNull();
    expect(classifySender({ url: chrome.popup.url }, { id: '', baseUrl: chromeSelf.baseUrl })).toBeNull();
    expect(classifySender(null as never, chromeSelf)).toBeNull();
    // A Chrome page from another extension's origin naming ours.
    expect(classifySender({ id: 'other', url: `${chromeSelf.baseUrl}popup.html` }, chromeSelf)).toBeNull();
  });

  it('refuses an extension-only request from a senderless message before running it', async () => {
    let ran = false;
    const reply = await handleRequest(
      backgroundRequests,
      { 'data.export': () => ((ran = true), { format: 'token-insight-export', version: 1, exportedAt: 0, settings: {}, watchlist: [], counts: [], sightings: [] }) as never },
      { channel: CHANNEL, kind: 'data.export', payload: {} },
      { id: chromeSelf.id },
      chromeSelf,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ran).toBe(false);
  });

  it('passes the tab’s private-window flag to handlers', async () => {
    const seen: unknown[] = [];
    await handleRequest(
      backgroundRequests,
      { ping: ({ nonce }, ctx) => (seen.push(ctx.incognito), { nonce, sender: ctx.sender, tabId: ctx.tabId, receivedAt: 0 }) },
      { channel: CHANNEL, kind: 'ping', payload: { nonce: 'n' } },
      { ...firefox.content, tab: { ...tab, incognito: true } },
      firefoxSelf,
    );
    expect(seen).toEqual([true]);
  });
});
