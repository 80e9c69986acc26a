import type { QuoteError } from '@/utils/model/quote';
import { t } from '@/utils/i18n';

const KEYS: Record<QuoteError['code'], string> = {
  offline: 'popup_priceErrorOffline',
  'rate-limited': 'popup_rateLimited',
  server: 'popup_priceErrorServer',
  malformed: 'popup_priceErrorMalformed',
  timeout: 'popup_priceErrorTimeout',
  'not-found': 'popup_priceErrorNotFound',
  'bad-config': 'popup_priceErrorBadConfig',
};

/** What went wrong with prices, in the UI language; the background's own words only when there is no code. */
export function priceErrorText(error: QuoteError | null, detail: string): string {
  return error ? t(KEYS[error.code]) : t('popup_pricesError', detail);
}
