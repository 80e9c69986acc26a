/** A coin as every part of Token Insight names it: id, ticker and display name. */
import * as z from 'zod/mini';
import { CoinId, CoinName, Symbol } from './fields';

export const CoinRefSchema = z.object({ coinId: CoinId, symbol: Symbol, name: CoinName });
/** `{ coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor' }` */
export type CoinRef = z.infer<typeof CoinRefSchema>;

/** The coin a hover card opens on, with the other coins that share its ticker ("Also: …", largest market cap first). */
export interface CardCoin extends CoinRef {
  also?: CoinRef[];
}
