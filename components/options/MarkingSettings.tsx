/**
 * The options page's settings for token mentions on pages: marking on or off
 * everywhere, and the sites where it stays off. Off means no marks and no
 * hover cards there; the page is not read at all.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { parseSiteList } from '@/utils/settings/site-list';
import type { SectionProps } from './types';

export function MarkingSettings({ settings, save }: SectionProps) {
  const stored = settings.markingOffSites.join('\n');
  const [sites, setSites] = useState(stored);
  useEffect(() => setSites(stored), [stored]);
  const saveSites = () => {
    const list = parseSiteList(sites);
    setSites(list.join('\n'));
    if (list.join('\n') !== stored) save({ markingOffSites: list });
  };

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
      <div class="field">
        <label for="marking-off-sites">{t('marking_offSites')}</label>
        <textarea
          id="marking-off-sites"
          data-testid="marking-off-sites"
          rows={3}
          value={sites}
          placeholder="mail.example.com"
          disabled={!settings.markingEnabled}
          aria-describedby="marking-off-sites-hint"
          onInput={(e) => setSites(e.currentTarget.value)}
          onBlur={saveSites}
        />
        <p class="field__hint" id="marking-off-sites-hint">
          {t('marking_offSitesHint')}
        </p>
      </div>
    </fieldset>
  );
}
