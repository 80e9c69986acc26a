import { useCallback, useMemo } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';
import { countsByDay, tokensPerDay, type DayTotal } from '@/utils/summaries';
import { HISTORY_COUNTS_MAX } from '@/utils/model/limits';
import { BarChart } from '@/components/ui/BarChart';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import type { Encoding } from '@/utils/tokens';
import { PageLink } from './PageLink';
import { SummarySection } from './SummarySection';
import { useHistoryList } from './useHistoryList';

export const RECENT_COUNTS_LIMIT = 100;
/** Days the chart of tokens counted shows. */
export const CHART_DAYS = 30;

/**
 * Recent token counts of selections: a chart of the tokens counted per day
 * over 30 days (its figures also as a table, and in words for screen
 * readers), then the last counts grouped by day with the day's totals.
 */
export function RecentCounts() {
  // Everything the history keeps (for the chart); the list shows the latest RECENT_COUNTS_LIMIT.
  const fetch = useCallback(() => sendToBackground('history.counts', { limit: HISTORY_COUNTS_MAX }), []);
  const { state, reload } = useHistoryList(fetch);
  const locale = uiLocale();
  const days = useMemo(() => (state.kind === 'ready' ? countsByDay(state.items.slice(0, RECENT_COUNTS_LIMIT)) : []), [state]);
  const perDay = useMemo(() => (state.kind === 'ready' ? tokensPerDay(state.items, CHART_DAYS) : []), [state]);
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }), [locale]);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }), [locale]);

  const clear = () => sendToBackground('history.clear', { what: 'counts' }).then(reload, reload);

  return (
    <SummarySection
      id="counts-title"
      title={t('popup_countsTitle')}
      state={state}
      reload={reload}
      empty={!days.length}
      emptyText={t('popup_countsEmpty')}
      clearQuestion={t('popup_countsClearQuestion')}
      clearTestId="clear-counts"
      onClear={clear}
    >
      <TokensChart perDay={perDay} locale={locale} />
      {days.map((day) => (
        <div class="day" key={day.dayStart}>
          <h3 class="day__head">
            <span>{dayFormat.format(day.dayStart)}</span>
            <span class="day__total" data-testid="day-total">
              {(Object.entries(day.totals) as [Encoding, number][])
                .map(([encoding, n]) => t('popup_countsTotal', [formatInteger(n, locale), encoding]))
                .join(' · ')}
            </span>
          </h3>
          <ul class="history">
            {day.records.map((record) => {
              const n = record.counts[record.encoding];
              return (
                <li key={record.id ?? record.time} class="history__row" data-testid="count-row" data-tokens={n}>
                  <time class="history__time" dateTime={new Date(record.time).toISOString()}>
                    {timeFormat.format(record.time)}
                  </time>
                  <span class="history__page">
                    <PageLink url={record.url} title={record.title} />
                    {record.excerpt ? <span class="history__excerpt">{record.excerpt}</span> : null}
                  </span>
                  <span class="history__count">
                    <strong>{n === undefined ? '—' : formatInteger(n, locale)}</strong>{' '}
                    <span class="history__unit">{t('popup_tokensUnit', record.encoding)}</span>
                    <span class="history__chars">{t('popup_chars', formatInteger(record.chars, locale))}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </SummarySection>
  );
}

/** The chart of tokens counted per day, with its figures as a table below (only when there are counts in those days). */
function TokensChart({ perDay, locale }: { perDay: DayTotal[]; locale: string }) {
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }), [locale]);
  const counted = perDay.filter((d) => d.total > 0);
  if (counted.length === 0) return null;
  const total = counted.reduce((n, d) => n + d.total, 0);
  const top = counted.reduce((a, b) => (b.total > a.total ? b : a));
  const label = t('popup_chartTokensLabel', [
    formatInteger(CHART_DAYS, locale),
    formatInteger(total, locale),
    formatInteger(counted.length, locale),
    dayFormat.format(top.dayStart),
    formatInteger(top.total, locale),
  ]);
  return (
    <figure class="chart" data-testid="tokens-chart">
      <BarChart
        values={perDay.map((d) => d.total)}
        titles={perDay.map((d) => `${dayFormat.format(d.dayStart)}: ${formatInteger(d.total, locale)}`)}
        label={label}
        width={356}
        height={48}
        testId="tokens-per-day"
      />
      <figcaption class="chart__caption">
        <span>{t('popup_chartTokensCaption', formatInteger(CHART_DAYS, locale))}</span>
        <details class="chart__numbers">
          <summary>{t('popup_chartNumbers')}</summary>
          <table class="chart__table" data-testid="tokens-per-day-table">
            <thead>
              <tr>
                <th scope="col">{t('popup_chartDay')}</th>
                <th scope="col">{t('popup_chartTokens')}</th>
              </tr>
            </thead>
            <tbody>
              {[...counted].reverse().map((d) => (
                <tr key={d.dayStart}>
                  <th scope="row">{dayFormat.format(d.dayStart)}</th>
                  <td data-tokens={d.total}>{formatInteger(d.total, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
