/**
 * Asks Token Insight's content script on a page one of its named e2e requests
 * (entrypoints/content/e2e-hooks.ts, in the e2e build only), through DOM
 * events, the same way in Chromium and Firefox. Waits until the content
 * script has started (the request is repeated until it is acknowledged).
 */
import { E2E_REPLY_EVENT, E2E_REQUEST_EVENT, type E2eRequests } from '@/entrypoints/content/e2e-hooks';
import type { UiPage } from './driver';

let nextId = 0;

export async function contentScript<K extends keyof E2eRequests>(
  page: UiPage,
  op: K,
  arg?: Parameters<E2eRequests[K]>[0],
  timeoutMs = 10_000,
): Promise<Awaited<ReturnType<E2eRequests[K]>>> {
  const request = { id: `${process.pid}-${++nextId}`, op, arg: arg ?? null };
  const reply = await page.evaluate(
    ({ request, timeoutMs, REQUEST, REPLY }) =>
      new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve) => {
        let acknowledged = false;
        const start = performance.now();
        const onReply = (event: Event) => {
          const r = JSON.parse((event as CustomEvent<string>).detail) as { id: string; ack?: boolean; ok: boolean };
          if (r.id !== request.id) return;
          if (r.ack) {
            acknowledged = true;
            return;
          }
          document.removeEventListener(REPLY, onReply);
          resolve(r);
        };
        document.addEventListener(REPLY, onReply);
        const ask = () => {
          if (acknowledged) return;
          if (performance.now() - start > timeoutMs) {
            document.removeEventListener(REPLY, onReply);
            resolve({ ok: false, error: 'The Token Insight content script did not start on this page.' });
            return;
          }
          document.dispatchEvent(new CustomEvent(REQUEST, { detail: JSON.stringify(request) }));
          setTimeout(ask, 100);
        };
        ask();
      }),
    { request, timeoutMs, REQUEST: E2E_REQUEST_EVENT, REPLY: E2E_REPLY_EVENT },
  );
  if (!reply.ok) throw new Error(`Content script request ${op}: ${reply.error}`);
  return reply.value as Awaited<ReturnType<E2eRequests[K]>>;
}
