import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ignoreStopWhileConnected, SCRIPT_STARTED_EVENT } from '@/entrypoints/content/stop-guard';

const forgeStop = () =>
  document.dispatchEvent(new CustomEvent(SCRIPT_STARTED_EVENT, { detail: { contentScriptName: 'content', messageId: 'forged' } }));

describe('ignoreStopWhileConnected', () => {
  it("keeps the content script running when a page dispatches WXT's stop event, until the script is orphaned", () => {
    let connected = true;
    const ctx = new ContentScriptContext('content', { noScriptStartedPostMessage: true } as never);
    ignoreStopWhileConnected(ctx, () => connected);
    forgeStop();
    expect(ctx.signal.aborted).toBe(false);
    // After an update the old copy is orphaned: the newer copy's event then stops it, as WXT intends.
    connected = false;
    forgeStop();
    expect(ctx.signal.aborted).toBe(true);
  });

  it('the unguarded context is what a page could stop', () => {
    const ctx = new ContentScriptContext('content', { noScriptStartedPostMessage: true } as never);
    forgeStop();
    expect(ctx.signal.aborted).toBe(true);
  });
});
