/**
 * The price-API key as the background keeps it: bound to the origin it was
 * entered for, so a changed base URL or plan (by the user, sync from another
 * device, an import or a compromised page) never sends it anywhere else.
 */
import * as z from 'zod/mini';
import { Str } from './fields';
import { HOST_MAX } from './limits';

/** A key longer than this is not a CoinGecko key. */
export const API_KEY_MAX = 200;

export const StoredApiKeySchema = z.object({
  name: z.literal('apiKey'),
  key: z.string().check(z.minLength(1), z.maxLength(API_KEY_MAX)),
  /** `https://api.coingecko.com`: the only origin the key is sent to. */
  origin: Str(HOST_MAX + 20),
  savedAt: z.number(),
});
export type StoredApiKey = z.infer<typeof StoredApiKeySchema>;

/** What the options page may know about the key: whether one is set and for where, never the key. */
export const ApiKeyStatusSchema = z.object({
  set: z.boolean(),
  /** The origin the key is bound to, when set. */
  origin: z.nullable(Str(HOST_MAX + 20)),
  /** The origin prices are asked from now (base URL and plan). */
  currentOrigin: Str(HOST_MAX + 20),
  /** Why the key is not sent there now, in words; null when it is (or none is set). */
  problem: z.nullable(Str(500)),
});
export type ApiKeyStatus = z.infer<typeof ApiKeyStatusSchema>;
