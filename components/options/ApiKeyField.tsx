/**
 * The price-API key field. The key is set, confirmed and removed through
 * extension-only requests and never read back: the field shows whether a key
 * is saved and for which address, and says why it is not being sent when
 * the base URL or plan changed since (the user confirms it there first).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/protocol/bus';
import type { ApiKeyStatus } from '@/utils/model/api-key';
import { API_KEY_MAX } from '@/utils/model/api-key';
import type { Settings } from '@/utils/settings';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function ApiKeyField({ settings }: { settings: Settings }) {
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    sendToBackground('apiKey.status', {}).then(setStatus, (e: unknown) => setError(message(e)));
  }, [settings.apiBaseUrl, settings.apiPlan]);

  const apply = (request: Promise<ApiKeyStatus>, after?: () => void) => {
    setError(null);
    request.then(
      (next) => {
        setStatus(next);
        setSaved(true);
        after?.();
      },
      (e: unknown) => {
        setSaved(false);
        setError(message(e));
      },
    );
  };
  const save = (value: string) => {
    if (!value.trim()) return;
    apply(sendToBackground('apiKey.set', { key: value.trim() }), () => setDraft(''));
  };

  const elsewhere = status?.set && status.origin !== status.currentOrigin;
  return (
    <div class="field">
      <label for="api-key">{t('prices_api_key')}</label>
      <input
        id="api-key"
        type="password"
        autocomplete="new-password"
        spellcheck={false}
        maxLength={API_KEY_MAX}
        data-testid="api-key"
        data-key-set={status?.set ? 'yes' : 'no'}
        placeholder={status?.set && status.origin ? t('prices_api_key_saved_for', status.origin) : ''}
        value={draft}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          setSaved(false);
        }}
        onBlur={(e) => save(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && save(e.currentTarget.value)}
      />
      {status?.set && (
        <button type="button" data-testid="api-key-clear" onClick={() => apply(sendToBackground('apiKey.set', { key: '' }))}>
          {t('prices_api_key_clear')}
        </button>
      )}
      <p class="field__hint">
        {t('prices_api_key_hint')}
        {saved ? ' ✓' : ''}
      </p>
      {elsewhere && (
        <p class="field__hint" role="alert" data-testid="api-key-elsewhere">
          {t('prices_api_key_elsewhere', [status.origin ?? '', status.currentOrigin])}{' '}
          <button type="button" data-testid="api-key-confirm" onClick={() => apply(sendToBackground('apiKey.confirm', {}))}>
            {t('prices_api_key_confirm', status.currentOrigin)}
          </button>
        </p>
      )}
      {!elsewhere && status?.problem && (
        <p class="field__hint" role="alert" data-testid="api-key-problem">
          {status.problem}
        </p>
      )}
      {error && (
        <p class="field__hint" role="alert" data-testid="api-key-error">
          {error}
        </p>
      )}
    </div>
  );
}
