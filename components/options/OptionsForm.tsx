import { useEffect, useRef, useState } from 'preact/hooks';
import { getSettings, updateSettings, watchSettings, type Settings } from '@/utils/settings';
import { t } from '@/utils/i18n';
import { StatusMessage } from '@/components/ui/StatusMessage';
import type { SectionProps, SettingsChange } from './types';
import { HistorySettings } from './HistorySettings';
import { LanguageSettings } from './LanguageSettings';
import { GeneralSettings } from './GeneralSettings';
import { PriceSettings } from './PriceSettings';
import { TokenSettings } from './TokenSettings';
import { MarkingSettings } from './MarkingSettings';
import { LiveCountSettings } from './LiveCountSettings';
import { SiteAccessNotice } from './SiteAccessNotice';

/**
 * Every setting in one place, one section component per feature
 * (components/settings/*Settings.tsx). Changes are saved as they are made.
 */
export function OptionsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getSettings().then(setSettings, (e: unknown) => setError(String(e)));
    return watchSettings(setSettings);
  }, []);

  // Saves run one after another: each reads the stored settings and writes them back whole,
  // so two quick changes (a URL on Enter, then a currency) must not overwrite each other.
  const saving = useRef<Promise<void>>(Promise.resolve());
  // A change given as a function is computed from the stored settings when its turn comes, so two quick
  // ticks in one list (a checkbox group) both count instead of the second undoing the first.
  const save = (change: SettingsChange) => {
    saving.current = saving.current.then(() =>
      (typeof change === 'function' ? getSettings().then((stored) => updateSettings(change(stored))) : updateSettings(change)).then(
        (next) => {
          setSettings(next);
          setError(null);
          setSaved(true);
        },
        (e: unknown) => setError(t('options_saveFailed', e instanceof Error ? e.message : String(e))),
      ),
    );
  };

  if (!settings) {
    return (
      <main class="options">
        {error ? (
          <StatusMessage kind="error">{t('options_loadFailed', error)}</StatusMessage>
        ) : (
          <StatusMessage kind="loading">{t('options_loading')}</StatusMessage>
        )}
      </main>
    );
  }

  const section: SectionProps = { settings, save };
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <SiteAccessNotice />
      <p aria-live="polite" class="field__hint options__saved" data-testid="save-status">
        {error ?? (saved ? t('options_saved') : t('options_autosave'))}
      </p>
      {/* One section per feature, one line each. */}
      <PriceSettings {...section} />
      <TokenSettings {...section} />
      <LiveCountSettings {...section} />
      <MarkingSettings {...section} />
      <HistorySettings {...section} />
      <LanguageSettings {...section} />
      <GeneralSettings {...section} />
    </main>
  );
}
