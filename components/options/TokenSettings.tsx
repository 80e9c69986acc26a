/**
 * The selection badge's settings: on/off, default encoding, minimum
 * selection length, and the sites where the badge stays away.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Settings } from '@/utils/settings';
import type { SectionProps } from './types';
import { BADGE_ENCODINGS } from '@/utils/tokens/encodings';
import { SiteListField } from './SiteListField';

export function TokenSettings({ settings, save }: SectionProps) {
  const [minChars, setMinChars] = useState(String(settings.minSelectionChars));
  useEffect(() => setMinChars(String(settings.minSelectionChars)), [settings.minSelectionChars]);

  const saveMin = () => {
    const n = Number.parseInt(minChars, 10);
    if (Number.isFinite(n) && n >= 1 && n <= 10_000) save({ minSelectionChars: n });
    else setMinChars(String(settings.minSelectionChars));
  };

  return (
    <fieldset data-testid="token-settings">
      <legend>{t('tokenSettings_title')}</legend>
      <div class="field">
        <input
          id="badge-enabled"
          type="checkbox"
          data-testid="badge-enabled"
          checked={settings.badgeEnabled}
          onChange={(e) => save({ badgeEnabled: e.currentTarget.checked })}
        />
        <label for="badge-enabled">{t('tokenSettings_badgeEnabled')}</label>
        <p class="field__hint">{t('tokenSettings_shortcutHint')}</p>
      </div>
      <div class="field">
        <label for="encoding">{t('tokenSettings_encoding')}</label>
        <select
          id="encoding"
          data-testid="default-encoding"
          value={settings.defaultEncoding}
          onChange={(e) => save({ defaultEncoding: e.currentTarget.value as Settings['defaultEncoding'] })}
        >
          {BADGE_ENCODINGS.map((enc) => (
            <option key={enc} value={enc}>
              {t(`tokenSettings_encoding_${enc}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="min-selection">{t('tokenSettings_minChars')}</label>
        <input
          id="min-selection"
          type="number"
          min={1}
          max={10000}
          step={1}
          data-testid="min-selection"
          value={minChars}
          disabled={!settings.badgeEnabled}
          onInput={(e) => setMinChars(e.currentTarget.value)}
          onBlur={saveMin}
          onKeyDown={(e) => e.key === 'Enter' && saveMin()}
        />
      </div>
      <SiteListField
        id="badge-off-sites"
        label={t('tokenSettings_offSites')}
        hint={t('tokenSettings_offSitesHint')}
        sites={settings.badgeOffSites}
        disabled={!settings.badgeEnabled}
        onSave={(badgeOffSites) => save({ badgeOffSites })}
      />
    </fieldset>
  );
}
