import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { priceErrorText } from '@/components/popup/price-error-text';

// Outside the extension `t` answers with the message key, which is what these tests check.
const messages = (lang: string) =>
  JSON.parse(readFileSync(resolve(__dirname, `../../../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, unknown>;

describe('priceErrorText', () => {
  const codes = ['offline', 'rate-limited', 'server', 'malformed', 'timeout', 'not-found', 'bad-config'] as const;

  it('has a message in both languages for every price error code', () => {
    for (const code of codes) {
      const key = priceErrorText({ code, message: 'in English', retryAt: null }, 'detail');
      expect(key).toMatch(/^popup_/);
      expect(messages('en')).toHaveProperty(key);
      expect(messages('hi')).toHaveProperty(key);
    }
  });

  it('falls back to the general message with the detail when there is no code', () => {
    expect(priceErrorText(null, 'Nobody answered')).toBe('popup_pricesError');
  });
});
