/**
 * What an import will change, shown before anything is written: the
 * watchlist, the history, each setting from → to, and (apart, unticked by
 * default) the price API address and plan, which decide where prices are
 * asked. Nothing happens until Import is clicked.
 */
import { useState } from 'preact/hooks';
import type { ImportPreview } from '@/utils/model/backup';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';

interface Props {
  preview: ImportPreview;
  fileName: string;
  busy: boolean;
  onConfirm(applyPriceApi: boolean): void;
  onCancel(): void;
}

export function ImportPreviewBox({ preview, fileName, busy, onConfirm, onCancel }: Props) {
  const [applyPriceApi, setApplyPriceApi] = useState(false);
  const n = (value: number) => formatInteger(value, uiLocale());
  return (
    <div class="field" data-testid="import-preview" role="group" aria-label={t('options_importPreviewTitle', fileName)}>
      <p class="field__hint">
        <strong>{t('options_importPreviewTitle', fileName)}</strong>
      </p>
      <p class="field__hint">{t('options_importPreviewData', [n(preview.watchlist), n(preview.counts), n(preview.sightings)])}</p>
      {preview.dropped > 0 && <p class="field__hint">{t('options_importPreviewDropped', n(preview.dropped))}</p>}
      {preview.settings.length > 0 ? (
        <ul class="field__hint" data-testid="import-preview-settings">
          {preview.settings.map((c) => (
            <li key={c.field}>{t('options_importPreviewSetting', [c.field, c.from, c.to])}</li>
          ))}
        </ul>
      ) : (
        <p class="field__hint">{t('options_importPreviewNoSettings')}</p>
      )}
      {preview.priceApi.length > 0 && (
        <div class="field__hint" role="alert">
          <input
            id="import-price-api"
            type="checkbox"
            data-testid="import-price-api"
            checked={applyPriceApi}
            onChange={(e) => setApplyPriceApi(e.currentTarget.checked)}
          />
          <label for="import-price-api">{t('options_importPreviewPriceApi')}</label>
          <ul>
            {preview.priceApi.map((c) => (
              <li key={c.field}>{t('options_importPreviewSetting', [c.field, c.from, c.to])}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" class="button" data-testid="import-confirm" disabled={busy} onClick={() => onConfirm(applyPriceApi)}>
        {t('options_importConfirm')}
      </button>
      <button type="button" class="button" data-testid="import-cancel" disabled={busy} onClick={onCancel}>
        {t('options_importCancel')}
      </button>
    </div>
  );
}
