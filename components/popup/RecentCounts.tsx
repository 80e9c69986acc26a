import { useCallback, useMemo } from 'preact/hooks';
import { sendToBackground } from '@/utils/message-bus';
import { countsByDay, safeLink } from '@/utils/summaries';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import type { Encoding } from '@/utils/tokens';
import { StatusMessage } from '@/components/StatusMessage';
import { ConfirmButton } from '@/components/ConfirmButton';
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
    <section class="summary" aria-labelledby="counts-title">
      <div class="summary__head">
        <h2 id="counts-title">{t('popup_countsTitle')}</h2>
        <ConfirmButton
          label={t('popup_clear')}
          question={t('popup_countsClearQuestion')}
          disabled={!days.length}
          onConfirm={clear}
          testId="clear-counts"
        />
      </div>
      {state.kind === 'loading' && <StatusMessage kind="loading">{t('popup_loading')}</StatusMessage>}
      {state.kind === 'error' && (
        <StatusMessage kind="error" onRetry={reload}>
          {t('popup_historyError', state.message)}
        </StatusMessage>
      )}
      {state.kind === 'ready' && days.length === 0 && <StatusMessage kind="empty">{t('popup_countsEmpty')}</StatusMessage>}
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
              const href = safeLink(record.url);
              const title = record.title || record.url;
              const n = record.counts[record.encoding];
              return (
                <li key={record.id ?? record.time} class="history__row" data-testid="count-row" data-tokens={n}>
                  <time class="history__time" dateTime={new Date(record.time).toISOString()}>
                    {timeFormat.format(record.time)}
                  </time>
                  <span class="history__page">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" title={record.url}>
                        {title}
                      </a>
                    ) : (
                      title
                    )}
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
    </section>
  );
}
