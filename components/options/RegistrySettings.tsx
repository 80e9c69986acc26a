/**
 * The living registry's settings (inside "Token mentions"): the AI
 * categories on or off, the registry's size and age with "Update now", which
 * CoinGecko categories to follow and how many pages of each. Off means the
 * curated list and the watchlist only.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '@/utils/i18n';
import { formatAge, formatInteger } from '@/utils/format';
import { sendToBackground } from '@/utils/protocol/bus';
import type { RegistryStatus } from '@/utils/model/registry';
import { CATEGORIES_MAX, CATEGORY_PAGES_RANGE } from '@/utils/model/limits';
import { useNow } from '@/components/ui/useNow';
import { SelectField } from './SelectField';
import type { SectionProps } from './types';

const PAGES = Array.from({ length: CATEGORY_PAGES_RANGE[1] - CATEGORY_PAGES_RANGE[0] + 1 }, (_, i) => String(CATEGORY_PAGES_RANGE[0] + i));

/** Category ids from the text field: comma or space separated, lower case; null when one is not an id. */
export function parseCategoryIds(text: string): string[] | null {
  const ids = [...new Set(text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (ids.length === 0 || ids.length > CATEGORIES_MAX) return null;
  return ids.every((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && id.length <= 100) ? ids : null;
}

type Load = { kind: 'loading' } | { kind: 'ready'; status: RegistryStatus } | { kind: 'error'; message: string };

export function RegistrySettings({ settings, save }: SectionProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [updating, setUpdating] = useState(false);
  const [draft, setDraft] = useState(settings.categoryIds.join(', '));
  const [draftError, setDraftError] = useState(false);
  const now = useNow();
  const locale = uiLocale();

  const read = () =>
    sendToBackground('registry.status', {}).then(
      (status) => setLoad({ kind: 'ready', status }),
      (e: unknown) => setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  useEffect(() => void read(), [settings.categoriesEnabled, settings.apiBaseUrl, settings.categoryIds.join(',')]);
  useEffect(() => setDraft(settings.categoryIds.join(', ')), [settings.categoryIds.join(',')]);

  const update = () => {
    setUpdating(true);
    sendToBackground('registry.refresh', {})
      .then(
        (status) => setLoad({ kind: 'ready', status }),
        (e: unknown) => setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => setUpdating(false));
  };
  const saveIds = () => {
    const ids = parseCategoryIds(draft);
    setDraftError(!ids);
    if (ids && ids.join(',') !== settings.categoryIds.join(',')) save({ categoryIds: ids });
  };

  const off = !settings.categoriesEnabled;
  const status = load.kind === 'ready' ? load.status : null;
  let summary: string;
  if (load.kind === 'loading') summary = t('registry_loading');
  else if (load.kind === 'error') summary = t('registry_statusFailed', [load.message]);
  else if (status?.fetchedAt == null) summary = t('registry_empty');
  else summary = t('registry_summary', [formatInteger(status.coins, locale), formatAge(now - status.fetchedAt, locale)]);

  return (
    <div data-testid="registry-settings">
      <div class="field">
        <input
          id="categories-enabled"
          type="checkbox"
          data-testid="categories-enabled"
          checked={settings.categoriesEnabled}
          onChange={(e) => save({ categoriesEnabled: e.currentTarget.checked })}
        />
        <label for="categories-enabled">{t('registry_enabled')}</label>
        <p class="field__hint">{t('registry_enabledHint')}</p>
      </div>
      <div class="field">
        <p class="field__hint" role="status" aria-live="polite" data-testid="registry-status" data-coins={status?.coins ?? ''} data-state={load.kind}>
          {summary}
        </p>
        {status?.error && (
          <p class="field__hint note--error" role="alert" data-testid="registry-error">
            {t('registry_failed', [status.error])}
          </p>
        )}
        <button type="button" data-testid="registry-refresh" disabled={off || updating} aria-busy={updating} onClick={update}>
          {updating ? t('registry_updating') : t('registry_update')}
        </button>
      </div>
      <div class="field">
        <label for="category-ids">{t('registry_categories')}</label>
        <input
          id="category-ids"
          type="text"
          data-testid="category-ids"
          value={draft}
          disabled={off}
          aria-invalid={draftError}
          aria-describedby="category-ids-hint"
          onInput={(e) => setDraft(e.currentTarget.value)}
          onBlur={saveIds}
          onKeyDown={(e) => e.key === 'Enter' && saveIds()}
        />
        <p id="category-ids-hint" class={draftError ? "field__hint note--error" : "field__hint"}>
          {draftError ? t('registry_categoriesInvalid', [String(CATEGORIES_MAX)]) : t('registry_categoriesHint')}
        </p>
      </div>
      <SelectField
        id="category-pages"
        label={t('registry_pages')}
        value={String(settings.categoryPages)}
        choices={PAGES}
        text={(p) => t('registry_pagesChoice', [p, formatInteger(Number(p) * 250, locale)])}
        onChange={(p) => save({ categoryPages: Number(p) })}
      />
    </div>
  );
}
