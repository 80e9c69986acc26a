import { useEffect, useState } from 'preact/hooks';
import { getSettings, updateSettings, watchSettings, type Settings } from '@/utils/settings';
import { t } from '@/utils/i18n';
import { RecentCounts } from './RecentCounts';
import { PagesRead } from './PagesRead';
import { ThisPage } from './ThisPage';

/** The summaries tab: the current page's count, the history switch, recent counts, tokens on pages read, and where to back up the data. */
export function Summaries() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getSettings().then(setSettings, (e: unknown) => setError(String(e)));
    return watchSettings(setSettings);
  }, []);
  const toggle = (historyEnabled: boolean) =>
    updateSettings({ historyEnabled }).then(setSettings, (e: unknown) => setError(String(e)));

  return (
    <div class="summaries">
      <ThisPage />
      <div class="privacy">
        <label class="switch">
          <input
            type="checkbox"
            data-testid="history-enabled"
            checked={settings?.historyEnabled ?? true}
            disabled={!settings}
            onChange={(e) => void toggle(e.currentTarget.checked)}
          />
          <span>{t('popup_historyToggle')}</span>
        </label>
        {settings && !settings.historyEnabled && <p class="hint">{t('popup_historyOff')}</p>}
        {error && (
          <p class="hint" role="alert">
            {t('popup_settingsError', error)}
          </p>
        )}
      </div>
      <RecentCounts />
      <PagesRead />
      <p class="hint">
        <a href="/options.html#data" target="_blank" rel="noopener">
          {t('popup_dataLink')}
        </a>
      </p>
    </div>
  );
}
