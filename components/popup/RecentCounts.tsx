import { useCallback, useMemo } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';
import { countsByDay } from '@/utils/summaries';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import type { Encoding } from '@/utils/tokens';
import { PageLink } from './PageLink';
import { SummarySection } from './SummarySection';
import { useHistoryList } from './useHistoryList';

export const RECENT_COUNTS_LIMIT = 100;

/** Recent token counts of selections, grouped by day with the day's totals. */
export function RecentCounts() {
  const fetch = useCallback(() => sendToBackground('history.counts', { limit: RECENT_COUNTS_LIMIT }), []);
  const { state, reload } = useHistoryList(fetch);
  const locale = uiLocale();
  const days = useMemo(() => (state.kind === 'ready' ? countsByDay(state.items) : []), [state]);
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
