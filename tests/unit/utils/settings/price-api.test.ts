import { describe, expect, it } from 'vitest';
import { normaliseBaseUrl, originPatternFor } from '@/utils/settings/price-api';

describe('price API base URL', () => {
  it('accepts full http(s) addresses only, without credentials or trailing slashes', () => {
    expect(normaliseBaseUrl(' https://proxy.example.com/api/v3/ ')).toBe('https://proxy.example.com/api/v3');
    expect(normaliseBaseUrl('http://127.0.0.1:8080/api/v3')).toBe('http://127.0.0.1:8080/api/v3');
    expect(normaliseBaseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseBaseUrl('ftp://example.com')).toBeNull();
    expect(normaliseBaseUrl('https://user:pw@example.com')).toBeNull();
    expect(normaliseBaseUrl('api.coingecko.com')).toBeNull();
  });

  it('needs an optional host permission only for hosts the manifest does not grant', () => {
    expect(originPatternFor('https://api.coingecko.com/api/v3')).toBeNull();
    expect(originPatternFor('https://pro-api.coingecko.com/api/v3')).toBeNull();
    expect(originPatternFor('https://proxy.example.com:8443/cg')).toBe('https://proxy.example.com/*');
    expect(originPatternFor('http://127.0.0.1:9000/api/v3')).toBe('http://127.0.0.1/*');
    expect(originPatternFor('not a url')).toBeNull();
  });
});
