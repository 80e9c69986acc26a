/**
 * The options page's settings for the live count under prompt boxes: on or
 * off everywhere, the sites where it counts (the main chat sites until the
 * user edits the list; 127.0.0.1 and localhost allowed), and the model whose
 * context window its bar shows.
 */
import { t, uiLocale } from '@/utils/i18n';
import { formatInteger } from '@/utils/format';
import { CONTEXT_MODELS, contextModel } from '@/utils/tokens/llm-prices';
import { SETTING_DEFAULTS } from '@/utils/settings/defaults';
import { SelectField } from './SelectField';
import { SiteListField } from './SiteListField';
import type { SectionProps } from './types';

export function LiveCountSettings({ settings, save }: SectionProps) {
  const locale = uiLocale();
  const model = contextModel(settings.liveCountModel, SETTING_DEFAULTS.liveCountModel);
  return (
    <fieldset data-testid="live-count-settings">
      <legend>{t('liveCount_legend')}</legend>
      <div class="field">
        <input
          id="live-count-enabled"
          type="checkbox"
          data-testid="live-count-enabled"
          checked={settings.liveCountEnabled}
          aria-describedby="live-count-enabled-hint"
          onChange={(e) => save({ liveCountEnabled: e.currentTarget.checked })}
        />
        <label for="live-count-enabled">{t('liveCount_enabled')}</label>
        <p class="field__hint" id="live-count-enabled-hint">
          {t('liveCount_enabledHint')}
        </p>
      </div>
      <SiteListField
        id="live-count-sites"
        label={t('liveCount_sites')}
        hint={t('liveCount_sitesHint')}
        sites={settings.liveCountSites}
        disabled={!settings.liveCountEnabled}
        onSave={(liveCountSites) => save({ liveCountSites })}
      />
      <SelectField
        id="live-count-model"
        label={t('liveCount_model')}
        value={model.id}
        choices={CONTEXT_MODELS.map((m) => m.id)}
        text={(id) => {
          const m = contextModel(id);
          return t('liveCount_modelChoice', [m.name, formatInteger(m.contextWindow, locale), m.encoding]);
        }}
        onChange={(liveCountModel) => save({ liveCountModel })}
      />
    </fieldset>
  );
}
