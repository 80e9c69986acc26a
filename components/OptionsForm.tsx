import { useEffect, useState } from 'preact/hooks';
import {
  CURRENCIES,
  getSettings,
  updateSettings,
  watchSettings,
  type Settings,
} from '@/utils/settings';
import { StatusMessage } from './StatusMessage';
import { MarkingSettings } from './settings/MarkingSettings';
import { ENCODINGS } from '@/utils/tokens';

/** Every setting, saved as soon as it changes. */
export function OptionsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getSettings().then(setSettings, (e: unknown) => setError(String(e)));
    return watchSettings(setSettings);
  }, []);

  const save = (change: Partial<Settings>) => {
    updateSettings(change).then(
      (next) => {
        setSettings(next);
        setError(null);
        setSaved(true);
      },
      (e: unknown) => setError(`Could not save: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  if (!settings) {
    return (
      <main class="options">
        {error ? <StatusMessage kind="error">{error}</StatusMessage> : <StatusMessage kind="loading">Loading settings…</StatusMessage>}
      </main>
    );
  }

  return (
    <main class="options">
      <h1>Token Insight settings</h1>
      <p aria-live="polite" class="field__hint">
        {error ?? (saved ? 'Saved.' : 'Changes are saved as you make them.')}
      </p>
      <fieldset>
        <legend>Prices</legend>
        <div class="field">
          <label for="currency">Currency</label>
          <select
            id="currency"
            data-testid="currency"
            value={settings.currency}
            onChange={(e) => save({ currency: e.currentTarget.value as Settings['currency'] })}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="api-base-url">Price API base URL</label>
          <input
            id="api-base-url"
            type="url"
            data-testid="api-base-url"
            value={settings.apiBaseUrl}
            onBlur={(e) => save({ apiBaseUrl: e.currentTarget.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && save({ apiBaseUrl: e.currentTarget.value.trim() })}
          />
          <p class="field__hint">Advanced: a CoinGecko-compatible API, such as a self-hosted proxy.</p>
        </div>
      </fieldset>
      <fieldset>
        <legend>Token counts</legend>
        <div class="field">
          <label for="encoding">Default encoding</label>
          <select
            id="encoding"
            value={settings.defaultEncoding}
            onChange={(e) => save({ defaultEncoding: e.currentTarget.value as Settings['defaultEncoding'] })}
          >
            {ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {enc}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <input
            id="badge-enabled"
            type="checkbox"
            checked={settings.badgeEnabled}
            onChange={(e) => save({ badgeEnabled: e.currentTarget.checked })}
          />
          <label for="badge-enabled">Show the token count badge when I select text</label>
        </div>
      </fieldset>
      <MarkingSettings settings={settings} save={save} />
      <fieldset>
        <legend>Privacy</legend>
        <div class="field">
          <input
            id="history-enabled"
            type="checkbox"
            checked={settings.historyEnabled}
            onChange={(e) => save({ historyEnabled: e.currentTarget.checked })}
          />
          <label for="history-enabled">Keep a history of counts and tokens seen on pages</label>
        </div>
        <div class="field">
          <input
            id="excerpts-enabled"
            type="checkbox"
            checked={settings.excerptsEnabled}
            disabled={!settings.historyEnabled}
            onChange={(e) => save({ excerptsEnabled: e.currentTarget.checked })}
          />
          <label for="excerpts-enabled">Store a short excerpt of counted text</label>
        </div>
      </fieldset>
    </main>
  );
}
