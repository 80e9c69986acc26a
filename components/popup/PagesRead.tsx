import { useCallback, useMemo } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';
import { coinsOnPagesRead, DAY_MS, pagesPerDay, type DayTotal } from '@/utils/summaries';
import { BarChart } from '@/components/ui/BarChart';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import { PageLink } from './PageLink';
import { SummarySection } from './SummarySection';
import { useHistoryList } from './useHistoryList';

/**
 * The coins mentioned on pages you read: pages today and over 7 days (with a
 * small chart of the pages per day, its figures in its label and tooltips),
 * and the last page as a link.
 */
export function PagesRead() {
  const fetch = useCallback(() => sendToBackground('history.sightings', { since: Date.now() - 7 * DAY_MS }), []);
  const { state, reload } = useHistoryList(fetch);
  const locale = uiLocale();
  const coins = useMemo(() => (state.kind === 'ready' ? coinsOnPagesRead(state.items) : []), [state]);
  const perDay = useMemo(() => (state.kind === 'ready' ? pagesPerDay(state.items, 7) : new Map<string, DayTotal[]>()), [state]);
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric' }), [locale]);
  const clear = () => sendToBackground('history.clear', { what: 'sightings' }).then(reload, reload);

  return (
    <SummarySection
      id="pages-title"
      title={t('popup_pagesTitle')}
      state={state}
      reload={reload}
      empty={!coins.length}
      emptyText={t('popup_pagesEmpty')}
      clearQuestion={t('popup_pagesClearQuestion')}
      clearTestId="clear-sightings"
      onClear={clear}
    >
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
          {coins.map((coin) => (
            <tr key={coin.coinId} data-testid="sighting-row" data-symbol={coin.symbol}>
              <th scope="row">{coin.symbol}</th>
              <td>{formatInteger(coin.pagesToday, locale)}</td>
              <td class="reads__week">
                <span>{formatInteger(coin.pagesWeek, locale)}</span>
                {perDay.has(coin.coinId) && (
                  <BarChart
                    values={perDay.get(coin.coinId)!.map((d) => d.total)}
                    titles={perDay.get(coin.coinId)!.map((d) => `${dayFormat.format(d.dayStart)}: ${formatInteger(d.total, locale)}`)}
                    label={t('popup_chartPagesLabel', [
                      coin.symbol,
                      perDay.get(coin.coinId)!.map((d) => `${dayFormat.format(d.dayStart)} ${formatInteger(d.total, locale)}`).join(', '),
                    ])}
                    width={49}
                    height={16}
                    testId="pages-per-day"
                  />
                )}
              </td>
              <td class="reads__page">
                <PageLink url={coin.lastUrl} title={coin.lastTitle} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SummarySection>
  );
}
