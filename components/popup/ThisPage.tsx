import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendToBackground } from '@/utils/protocol/bus';
import { ProtocolError } from '@/utils/protocol/validate';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import type { PageCount } from '@/utils/model/token-view';
import { StatusMessage } from '@/components/ui/StatusMessage';

type State =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; tabId: number; count: PageCount };

/**
 * "This page": the current tab's token count in the default encoding, of its
 * readable text (the article, as a reader view extracts it) and of all its
 * visible text, each with a button that opens its token view. The page's text
 * is read by its content script when this shows, not before.
 */
export function ThisPage() {
  const locale = uiLocale();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [opening, setOpening] = useState<string | null>(null);

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(async ([tab]) => {
        if (tab?.id === undefined) return setState({ kind: 'unavailable' });
        const count = await sendToBackground('page.count', { tabId: tab.id });
        setState({ kind: 'ready', tabId: tab.id, count });
      })
      .catch((error: unknown) => {
        if (error instanceof ProtocolError && error.code === 'no-receiver') setState({ kind: 'unavailable' });
        else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
  }, []);
  useEffect(load, [load]);

  const open = (kind: 'readable' | 'visible') => {
    if (state.kind !== 'ready') return;
    setOpening(null);
    sendToBackground('page.view', { tabId: state.tabId, kind }).then(
      // The popup closes as the view's tab opens; nothing more to do.
      () => {},
      (error: unknown) => setOpening(error instanceof Error ? error.message : String(error)),
    );
  };

  const tokens = (n: number) => (n === 1 ? t('badge_tokenOne') : t('badge_tokens', formatInteger(n, locale)));

  return (
    <section class="summary this-page" aria-labelledby="this-page-title" data-testid="this-page" data-state={state.kind}>
      <div class="summary__head">
        <h2 id="this-page-title">{t('popup_pageTitle')}</h2>
      </div>
      {state.kind === 'loading' && <StatusMessage kind="loading">{t('popup_pageCounting')}</StatusMessage>}
      {state.kind === 'unavailable' && <StatusMessage kind="empty">{t('popup_pageUnavailable')}</StatusMessage>}
      {state.kind === 'error' && (
        <StatusMessage kind="error" onRetry={load}>
          {t('popup_pageError', state.message)}
        </StatusMessage>
      )}
      {state.kind === 'ready' && (
        <>
          {state.count.title && <p class="this-page__title">{state.count.title}</p>}
          <ul class="this-page__counts">
            <li>
              {state.count.readable ? (
                <span data-testid="page-count-readable" data-tokens={state.count.readable.tokens}>
                  {t('popup_pageReadable')} <strong>{tokens(state.count.readable.tokens)}</strong>
                </span>
              ) : (
                <span class="hint" data-testid="page-count-readable">
                  {t('popup_pageNoArticle')}
                </span>
              )}
              {state.count.readable && (
                <button type="button" class="link-button" data-testid="page-view-readable" onClick={() => open('readable')}>
                  {t('popup_pageShow')}
                  <span class="visually-hidden"> {t('popup_pageReadable')}</span>
                </button>
              )}
            </li>
            <li>
              <span data-testid="page-count-visible" data-tokens={state.count.visible.tokens}>
                {t('popup_pageVisible')} <strong>{tokens(state.count.visible.tokens)}</strong>
              </span>
              <button type="button" class="link-button" data-testid="page-view-visible" onClick={() => open('visible')}>
                {t('popup_pageShow')}
                <span class="visually-hidden"> {t('popup_pageVisible')}</span>
              </button>
            </li>
          </ul>
          <p class="hint">{t('popup_pageEncoding', state.count.encoding)}</p>
          {opening && (
            <p class="hint" role="alert">
              {t('popup_pageError', opening)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
