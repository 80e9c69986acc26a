import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';

interface Props {
  kind: 'loading' | 'empty' | 'error' | 'offline';
  children: ComponentChildren;
  onRetry?: () => void;
}

/** One line telling the user what is going on, with a retry button for errors. */
export function StatusMessage({ kind, children, onRetry }: Props) {
  return (
    <div
      class={`status status--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-busy={kind === 'loading' ? true : undefined}
    >
      <span>{children}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
