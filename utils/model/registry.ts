/**
 * The living registry: the coins of CoinGecko's AI categories as the
 * background fetched them (cached in IndexedDB), what a page's detector gets
 * of them, and the registry's status shown in the settings.
 */
import * as z from 'zod/mini';
import { CoinId, CoinName, NullableNumber, Str, Symbol } from './fields';
import { CATEGORIES_MAX, CATEGORY_COINS_MAX, CATEGORY_ID_MAX } from './limits';

/** A CoinGecko category id: lower-case letters, digits and dashes. */
export const CategoryId = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(CATEGORY_ID_MAX));

/** One coin of a category list. */
export const CategoryCoinSchema = z.object({
  coinId: CoinId,
  /** Upper case, 2–12 letters or digits (others are dropped when the list is read). */
  symbol: Symbol,
  name: CoinName,
  /** USD market cap when the list was fetched (collisions: the larger wins); null when unknown. */
  marketCap: NullableNumber,
  /** The name is not an ordinary word (the shipped word list decides): bare, in crypto context, it counts. */
  distinctiveName: z.boolean(),
  /** The ticker is an ordinary word (TURBO, GRASS): its cashtag counts only in capitals. */
  symbolIsWord: z.boolean(),
});
export type CategoryCoin = z.infer<typeof CategoryCoinSchema>;

/** The cached list: when and from where it was fetched, for which categories. */
export const CategoryRegistrySchema = z.object({
  fetchedAt: z.number(),
  /** The price API base URL it came from: a new base URL fetches again. */
  baseUrl: Str(2048),
  categories: z.array(CategoryId).check(z.maxLength(CATEGORIES_MAX)),
  coins: z.array(CategoryCoinSchema).check(z.maxLength(CATEGORY_COINS_MAX)),
});
export type CategoryRegistry = z.infer<typeof CategoryRegistrySchema>;

/** What the settings page shows. */
export const RegistryStatusSchema = z.object({
  enabled: z.boolean(),
  coins: z.int(),
  fetchedAt: z.nullable(z.number()),
  categories: z.array(CategoryId),
  refreshing: z.boolean(),
  /** Why the last refresh failed (the last list is kept and still used). */
  error: z.nullable(Str(500)),
});
export type RegistryStatus = z.infer<typeof RegistryStatusSchema>;
