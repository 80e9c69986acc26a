/** Field schemas the entity schemas are built from. */
import * as z from 'zod/mini';
import { COIN_ID_MAX, COIN_NAME_MAX, SYMBOL_MAX } from './limits';

/** A string of at most `max` characters. */
export const Str = (max: number) => z.string().check(z.maxLength(max));
/** A non-empty string of at most `max` characters. */
export const NonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
export const NullableNumber = z.nullable(z.number());

export const CoinId = NonEmpty(COIN_ID_MAX);
export const Symbol = NonEmpty(SYMBOL_MAX);
export const CoinName = NonEmpty(COIN_NAME_MAX);
