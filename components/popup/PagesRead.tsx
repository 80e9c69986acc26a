import { useCallback, useMemo } from 'preact/hooks';
import { sendToBackground } from '@/utils/message-bus';
import { coinsOnPagesRead, DAY_MS, safeLink } from '@/utils/summaries';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import { StatusMessage } from '@/components/StatusMessage';
import { ConfirmButton } from '@/components/ConfirmButton';
import { useHistoryList } from './useHistoryList';

/** The coins mentioned on pages you read: pages today and over 7 days, and the last page as a link. */
export function PagesRead() {
  const fetch = useCallback(() => sendToBackground('history.sightings', { since: Date.now() - 7 * DAY_MS }), []);
  const { state, reload } = useHistoryList(fetch);
  const locale = uiLocale();
  const coins = useMemo(() => (state.kind === 'ready' ? coinsOnPagesRead(state.items) : []), [state]);
  const clear = () => sendToBackground('history.clear', { what: 'sightings' }).then(reload, reload);

  return (
    <section class="summary" aria-labelledby="pages-title">
      <div class="summary__head">
        <h2 id="pages-title">{t('popup_pagesTitle')}</h2>
        <ConfirmButton
          label={t('popup_clear')}
          question={t('popup_pagesClearQuestion')}
          disabled={!coins.length}
          onConfirm={clear}
          testId="clear-sightings"
        />
      </div>
      {state.kind === 'loading' && <StatusMessage kind="loading">{t('popup_loading')}</StatusMessage>}
      {state.kind === 'error' && (
        <StatusMessage kind="error" onRetry={reload}>
          {t('popup_historyError', state.message)}
        </StatusMessage>
      )}
      {state.kind === 'ready' && coins.length === 0 && <StatusMessage kind="empty">{t('popup_pagesEmpty')}</StatusMessage>}
      {coins.length > 0 && (
        <table class="reads">
          <caption class="hint">{t('popup_pagesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('popup_pagesCoin')}</th>
              <th scope="col">{t('popup_pagesToday')}</th>
              <th scope="col">{t('popup_pagesWeek')}</th>
              <th scope="col">{t('popup_pagesLast')}</th>
            </tr>
          </thead>
          <tbody>
            {coins.map((coin) => {
              const href = safeLink(coin.lastUrl);
              const title = coin.lastTitle || coin.lastUrl;
              return (
                <tr key={coin.coinId} data-testid="sighting-row" data-symbol={coin.symbol}>
                  <th scope="row">{coin.symbol}</th>
                  <td>{formatInteger(coin.pagesToday, locale)}</td>
                  <td>{formatInteger(coin.pagesWeek, locale)}</td>
                  <td class="reads__page">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" title={coin.lastUrl}>
                        {title}
                      </a>
                    ) : (
                      title
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
