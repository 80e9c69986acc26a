/**
 * Host permissions for the price API base URL (pure parts): the match pattern
 * for a custom host, and whether a URL is on a host the manifest already grants.
 */
export const BUILT_IN_PRICE_HOSTS = ['api.coingecko.com', 'pro-api.coingecko.com', 'api.coinbase.com'];

/** A valid http(s) base URL, trimmed and without trailing slashes, or null. */
export function normaliseBaseUrl(input: string): string | null {
  const value = input.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return value.replace(/\/+$/, '');
}

/** The optional host permission a custom base URL needs, or null for the built-in hosts. */
export function originPatternFor(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  if (BUILT_IN_PRICE_HOSTS.includes(url.hostname)) return null;
  // Match patterns have no port: the permission covers the host on any port.
  return `${url.protocol}//${url.hostname}/*`;
}
