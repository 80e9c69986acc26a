import * as z from 'zod/mini';
import { ENCODINGS } from '@/utils/tokens/encodings';

export const EncodingSchema = z.enum(ENCODINGS);
export type { Encoding } from '@/utils/tokens/encodings';
