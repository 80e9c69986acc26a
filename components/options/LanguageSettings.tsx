import { formatInteger, formatPrice } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import type { SectionProps } from './types';

/**
 * Language: Token Insight follows the browser's language (browser.i18n has no
 * per-extension override), so this section says which one is in use, shows how
 * numbers and dates look in it, and where to change it.
 */
export function LanguageSettings({ settings }: SectionProps) {
  const locale = uiLocale();
  let languageName = locale;
  try {
    languageName = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    // An unknown tag: show it as is.
  }
  const sampleDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.now());
  return (
    <fieldset>
      <legend>{t('options_languageSection')}</legend>
      <p class="field">
        <span>{t('options_languageCurrent')}</span>
        <strong lang={locale} data-testid="ui-language">
          {languageName}
        </strong>
      </p>
      <p class="field__hint">{t('options_languageHint')}</p>
      <p class="field" data-testid="format-sample">
        <span>{t('options_languageSample')}</span>
        <span lang={locale}>
          {formatInteger(1234567, locale)} · {formatPrice(1234.5, settings.currency, locale)} · {sampleDate}
        </span>
      </p>
    </fieldset>
  );
}
