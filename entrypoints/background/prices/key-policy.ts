/**
 * When the price API may be asked, and when its key may be sent (pure): a
 * host other than the built-in ones is asked nothing, key or not, until the
 * user granted Token Insight access to it (a base URL changed behind the
 * user's back — by another device's sync, or by anything else that can write
 * the settings — learns nothing, not even which coins are looked at); the key
 * goes only to the origin it was entered for, and only over HTTPS. Anything
 * else is a `bad-config` with words the card and the settings can show.
 */
import { BUILT_IN_PRICE_HOSTS } from '@/utils/settings/price-api';

/** `https://api.coingecko.com` for `https://api.coingecko.com/api/v3`; '' when not an address. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export function isBuiltInPriceHost(url: string): boolean {
  try {
    return BUILT_IN_PRICE_HOSTS.includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export interface KeyCheck {
  /** The origin the stored key is bound to. */
  keyOrigin: string;
  /** The base URL prices are asked from now (after the plan's host switch). */
  baseUrl: string;
  /** Whether the user granted access to the base URL's host (true for the built-in hosts). */
  hostGranted: boolean;
}

/** Why nothing at all may be asked of `baseUrl` (a custom host the user has not granted), or null. */
export function hostProblem(baseUrl: string, hostGranted: boolean): string | null {
  if (hostGranted || isBuiltInPriceHost(baseUrl)) return null;
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return `The price API address “${baseUrl}” is not a web address. Correct it in the settings.`;
  }
  return `Token Insight has no access to ${host}, so it asks it nothing. Allow access to it in the settings, or go back to CoinGecko's address.`;
}

/** Why the key must not be sent to `baseUrl`, or null when it may. */
export function keyProblem({ keyOrigin, baseUrl, hostGranted }: KeyCheck): string | null {
  const origin = originOf(baseUrl);
  if (!origin || origin !== keyOrigin) {
    return `The API key was saved for ${keyOrigin || 'another address'}, so it is not sent to ${origin || 'this address'}. Enter it again (or confirm it) in the settings to use it there.`;
  }
  if (!baseUrl.startsWith('https://')) return `The API key is sent over HTTPS only, and ${origin} is not HTTPS. Use an https:// base URL in the settings.`;
  if (!hostGranted && !isBuiltInPriceHost(baseUrl)) {
    return `Token Insight has no access to ${new URL(baseUrl).hostname}, so the API key is not sent there. Allow access to it in the settings.`;
  }
  return null;
}
