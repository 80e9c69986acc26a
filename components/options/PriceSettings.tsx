/**
 * The options page's price settings: currency, CoinGecko plan and key,
 * watchlist refresh interval, the advanced API base URL (with the optional
 * host permission a custom host needs) and price-move alerts (with the
 * optional notifications permission, asked when they are turned on).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { CURRENCIES, type Settings } from '@/utils/settings';
import { normaliseBaseUrl, originPatternFor } from '@/utils/settings/price-api';
import { sendToBackground } from '@/utils/protocol/bus';
import { ApiKeyField } from './ApiKeyField';
import { SelectField } from './SelectField';

const PLANS = ['keyless', 'demo', 'pro'] as const;
const REFRESH_MINUTES = [1, 2, 5, 10, 15, 30, 60] as const;

interface Props {
  settings: Settings;
  save(change: Partial<Settings>): void;
}

function useHostAccess(baseUrl: string): { pattern: string | null; granted: boolean | null; grant(): void } {
  const pattern = originPatternFor(baseUrl);
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    setGranted(null);
    if (!pattern) return;
    browser.permissions.contains({ origins: [pattern] }).then(setGranted, () => setGranted(false));
  }, [pattern]);
  const grant = () => {
    if (!pattern) return;
    // Called straight from the click, so the browser sees the user's gesture.
    browser.permissions.request({ origins: [pattern] }).then(setGranted, () => setGranted(false));
  };
  return { pattern, granted, grant };
}

export function PriceSettings({ settings, save }: Props) {
  const [urlDraft, setUrlDraft] = useState(settings.apiBaseUrl);
  const [urlError, setUrlError] = useState(false);
  const [alertError, setAlertError] = useState(false);
  const host = useHostAccess(settings.apiBaseUrl);

  const [resetDone, setResetDone] = useState<boolean | null>(null);
  useEffect(() => setUrlDraft(settings.apiBaseUrl), [settings.apiBaseUrl]);

  const resetPauses = () => {
    sendToBackground('prices.reset', {}).then(
      () => setResetDone(true),
      () => setResetDone(false),
    );
  };
  const saveUrl = (value: string) => {
    const url = normaliseBaseUrl(value);
    setUrlError(!url);
    if (url && url !== settings.apiBaseUrl) save({ apiBaseUrl: url });
  };
  const toggleAlerts = (on: boolean) => {
    setAlertError(false);
    if (!on) return save({ alertsEnabled: false });
    // Requested straight from the click (a user gesture); alerts stay off if refused.
    browser.permissions.request({ permissions: ['notifications'] }).then(
      (granted) => {
        if (granted) save({ alertsEnabled: true });
        else setAlertError(true);
      },
      () => setAlertError(true),
    );
  };

  return (
    <fieldset data-testid="price-settings">
      <legend>{t('prices_legend')}</legend>
      <SelectField
        id="currency"
        label={t('prices_currency')}
        value={settings.currency}
        choices={CURRENCIES}
        text={(c) => c.toUpperCase()}
        onChange={(currency) => save({ currency })}
      />
      <SelectField
        id="api-plan"
        label={t('prices_plan')}
        value={settings.apiPlan}
        choices={PLANS}
        text={(p) => t(`prices_plan_${p}`)}
        onChange={(apiPlan) => save({ apiPlan })}
      />
      {settings.apiPlan !== 'keyless' && <ApiKeyField settings={settings} />}
      <div class="field">
        <label for="refresh-minutes">{t('prices_refresh')}</label>
        <select
          id="refresh-minutes"
          data-testid="refresh-minutes"
          value={String(settings.refreshMinutes)}
          onChange={(e) => save({ refreshMinutes: Number(e.currentTarget.value) })}
        >
          {[...new Set([...REFRESH_MINUTES, settings.refreshMinutes])].sort((a, b) => a - b).map((m) => (
            <option key={m} value={String(m)}>
              {t('prices_refresh_minutes', [String(m)])}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="api-base-url">{t('prices_base_url')}</label>
        <input
          id="api-base-url"
          type="url"
          data-testid="api-base-url"
          value={urlDraft}
          aria-invalid={urlError}
          aria-describedby="api-base-url-hint"
          onInput={(e) => setUrlDraft(e.currentTarget.value)}
          onBlur={(e) => saveUrl(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && saveUrl(e.currentTarget.value)}
        />
        <p class="field__hint" id="api-base-url-hint" role={urlError ? 'alert' : undefined}>
          {urlError ? t('prices_base_url_invalid') : t('prices_base_url_hint')}
        </p>
        {host.pattern && host.granted === false && (
          <p class="field__hint" data-testid="host-access">
            {t('prices_host_access', [host.pattern])}{' '}
            <button type="button" onClick={host.grant}>
              {t('prices_host_grant')}
            </button>
          </p>
        )}
        {host.pattern && host.granted === true && (
          <p class="field__hint" data-testid="host-access">
            {t('prices_host_granted', [host.pattern])}
          </p>
        )}
      </div>
      <div class="field">
        <button type="button" data-testid="prices-reset" onClick={resetPauses}>
          {t('prices_backoff_reset')}
        </button>
        <p class="field__hint" role="status" data-testid="prices-reset-status">
          {resetDone === null ? t('prices_backoff_hint') : resetDone ? t('prices_backoff_reset_done') : t('prices_backoff_reset_failed')}
        </p>
      </div>
      <div class="field">
        <input
          id="alerts-enabled"
          type="checkbox"
          data-testid="alerts-enabled"
          checked={settings.alertsEnabled}
          onChange={(e) => toggleAlerts(e.currentTarget.checked)}
        />
        <label for="alerts-enabled">{t('prices_alerts_enabled')}</label>
        <label for="alert-threshold" class="visually-hidden">
          {t('prices_alerts_threshold')}
        </label>
        <input
          id="alert-threshold"
          type="number"
          min={1}
          max={100}
          step={1}
          style={{ width: '5em', minWidth: '0' }}
          data-testid="alert-threshold"
          value={settings.alertThresholdPct}
          disabled={!settings.alertsEnabled}
          title={t('prices_alerts_threshold')}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            if (Number.isFinite(v) && v >= 1 && v <= 100) save({ alertThresholdPct: v });
          }}
        />
        <span aria-hidden="true">%</span>
        <p class="field__hint" role={alertError ? 'alert' : undefined}>
          {alertError ? t('prices_alerts_permission_denied') : t('prices_alerts_hint')}
        </p>
      </div>
    </fieldset>
  );
}
