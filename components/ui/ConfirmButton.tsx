import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

interface Props {
  label: string;
  /** What the confirmation says, e.g. "Clear all recent counts?" */
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
}

/** A destructive action in two steps (no modal dialogs in a popup): the button, then "question? Yes / Cancel". */
export function ConfirmButton({ label, question, onConfirm, disabled, testId }: Props) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  if (!asking) {
    return (
      <button type="button" ref={trigger} class="link-button" data-testid={testId} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <span>{question}</span>
      <button
        type="button"
        ref={yes}
        class="danger-button"
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('popup_clearConfirm')}
      </button>
      <button type="button" class="link-button" onClick={cancel}>
        {t('popup_cancel')}
      </button>
    </span>
  );
}
