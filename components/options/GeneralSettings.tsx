import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { t } from '@/utils/i18n';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import type { SectionProps } from './types';

/** General: the version and resetting every setting to its default (the watchlist, history and API key stay). */
export function GeneralSettings({ save }: SectionProps) {
  const [reset, setReset] = useState(false);
  let version = '';
  try {
    version = browser.runtime.getManifest().version;
  } catch {
    // Outside the extension (tests).
  }
  return (
    <fieldset>
      <legend>{t('options_generalSection')}</legend>
      <div class="field">
        <ConfirmButton
          label={t('options_reset')}
          question={t('options_resetQuestion')}
          onConfirm={() => {
            save({ ...DEFAULT_SETTINGS });
            setReset(true);
          }}
          testId="reset-settings"
        />
        <p class="field__hint" role="status">
          {reset ? t('options_resetDone') : t('options_resetHint')}
        </p>
      </div>
      {version && <p class="field__hint">{t('options_version', version)}</p>}
    </fieldset>
  );
}
