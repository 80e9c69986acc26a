/**
 * The selection badge's settings: on/off, default encoding, the encodings the
 * badge counts, minimum selection length, and the sites where the badge
 * stays away.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '@/utils/i18n';
import type { Settings } from '@/utils/settings';
import type { SectionProps } from './types';
import { ENCODING_DATA_MB, ENCODING_MODELS, ENCODINGS, pickEncodings, type Encoding } from '@/utils/tokens/encodings';
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
          {ENCODINGS.map((enc) => (
            <option key={enc} value={enc}>
              {`${enc} (${ENCODING_MODELS[enc]})`}
            </option>
          ))}
        </select>
      </div>
      <BadgeEncodings settings={settings} save={save} />
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

/**
 * One checkbox per encoding: the ones the badge counts and lists. The
 * default encoding is always counted, so its box is ticked and cannot be
 * cleared. Each says its models and the size of its data, read from the
 * extension's files on its first count only.
 */
function BadgeEncodings({ settings, save }: SectionProps) {
  const mb = new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const toggle = (enc: Encoding, on: boolean) =>
    save((stored) => ({ badgeEncodings: pickEncodings(on ? [...stored.badgeEncodings, enc] : stored.badgeEncodings.filter((e) => e !== enc)) }));
  return (
    <fieldset class="choices" data-testid="badge-encodings" aria-describedby="badge-encodings-hint">
      <legend>{t('tokenSettings_badgeEncodings')}</legend>
      <p class="field__hint" id="badge-encodings-hint">
        {t('tokenSettings_badgeEncodingsHint')}
      </p>
      {ENCODINGS.map((enc) => {
        const isDefault = enc === settings.defaultEncoding;
        const id = `badge-encoding-${enc}`;
        return (
          <div class="choice" key={enc}>
            <input
              id={id}
              type="checkbox"
              data-testid={id}
              checked={isDefault || settings.badgeEncodings.includes(enc)}
              disabled={isDefault}
              onChange={(e) => toggle(enc, e.currentTarget.checked)}
            />
            <label for={id}>
              <code>{enc}</code> — {ENCODING_MODELS[enc]}
              <span class="choice__meta">
                {t('tokenSettings_dataSize', mb.format(ENCODING_DATA_MB[enc]))}
                {isDefault && ` · ${t('tokenSettings_isDefault')}`}
              </span>
              {enc === 'llama3' && (
                <span class="choice__meta" data-testid="llama-attribution">
                  {t('tokenSettings_llamaAttribution')}
                </span>
              )}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
