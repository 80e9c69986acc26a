/**
 * The options page's settings for token mentions on pages: marking on or off
 * everywhere, and the sites where it stays off. Off means no marks and no
 * hover cards there; the page is not read at all.
 */
import { t } from '@/utils/i18n';
import { SiteListField } from './SiteListField';
import { RegistrySettings } from './RegistrySettings';
import type { SectionProps } from './types';

export function MarkingSettings({ settings, save }: SectionProps) {
  return (
    <fieldset data-testid="marking-settings">
      <legend>{t('marking_legend')}</legend>
      <div class="field">
        <input
          id="marking-enabled"
          type="checkbox"
          data-testid="marking-enabled"
          checked={settings.markingEnabled}
          onChange={(e) => save({ markingEnabled: e.currentTarget.checked })}
        />
        <label for="marking-enabled">{t('marking_enabled')}</label>
        <p class="field__hint">{t('marking_enabledHint')}</p>
      </div>
      <SiteListField
        id="marking-off-sites"
        label={t('marking_offSites')}
        hint={t('marking_offSitesHint')}
        sites={settings.markingOffSites}
        disabled={!settings.markingEnabled}
        onSave={(markingOffSites) => save({ markingOffSites })}
      />
      <RegistrySettings settings={settings} save={save} />
    </fieldset>
  );
}
