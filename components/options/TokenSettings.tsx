/**
 * The selection badge's settings: on/off, default encoding, minimum
 * selection length, and the sites where the badge stays away.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { parseSiteList } from '@/utils/settings/site-list';
import type { Settings } from '@/utils/settings';
import type { SectionProps } from './types';
import { BADGE_ENCODINGS } from '@/utils/tokens/encodings';

export function TokenSettings({ settings, save }: SectionProps) {
  const [sites, setSites] = useState(settings.badgeOffSites.join('\n'));
  const [minChars, setMinChars] = useState(String(settings.minSelectionChars));
  useEffect(() => setSites(settings.badgeOffSites.join('\n')), [settings.badgeOffSites.join('\n')]);
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
      <div class="field">
        <label for="badge-off-sites">{t('tokenSettings_offSites')}</label>
        <textarea
          id="badge-off-sites"
          data-testid="badge-off-sites"
          rows={3}
          value={sites}
          placeholder="mail.example.com"
          disabled={!settings.badgeEnabled}
          onInput={(e) => setSites(e.currentTarget.value)}
          onBlur={() => save({ badgeOffSites: parseSiteList(sites) })}
        />
        <p class="field__hint">{t('tokenSettings_offSitesHint')}</p>
      </div>
    </fieldset>
  );
}
