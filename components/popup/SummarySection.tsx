import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import { StatusMessage } from '@/components/ui/StatusMessage';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import type { ListState } from './useHistoryList';

interface Props {
  id: string;
  title: string;
  /** The list as loaded by useHistoryList, and how to load it again. */
  state: ListState<unknown>;
  reload(): void;
  /** True when the loaded list has nothing to show. */
  empty: boolean;
  emptyText: string;
  clearQuestion: string;
  clearTestId: string;
  onClear(): void;
  children: ComponentChildren;
}

/** One list of the Summaries tab: a heading with a Clear button, then loading / error / empty states or the list. */
export function SummarySection({ id, title, state, reload, empty, emptyText, clearQuestion, clearTestId, onClear, children }: Props) {
  return (
    <section class="summary" aria-labelledby={id}>
      <div class="summary__head">
        <h2 id={id}>{title}</h2>
        <ConfirmButton label={t('popup_clear')} question={clearQuestion} disabled={empty} onConfirm={onClear} testId={clearTestId} />
      </div>
      {state.kind === 'loading' && <StatusMessage kind="loading">{t('popup_loading')}</StatusMessage>}
      {state.kind === 'error' && (
        <StatusMessage kind="error" onRetry={reload}>
          {t('popup_historyError', state.message)}
        </StatusMessage>
      )}
      {state.kind === 'ready' && empty && <StatusMessage kind="empty">{emptyText}</StatusMessage>}
      {!empty && children}
    </section>
  );
}
