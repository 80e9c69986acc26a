import * as z from 'zod/mini';
import { CoinId, CoinName, Symbol } from './fields';

/** A coin the user follows; `position` orders the popup list. */
export const WatchlistEntrySchema = z.object({
  coinId: CoinId,
  symbol: Symbol,
  name: CoinName,
  position: z.number(),
  addedAt: z.number(),
});
export type WatchlistEntry = z.infer<typeof WatchlistEntrySchema>;
