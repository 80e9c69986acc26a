/**
 * The encodings the counter supports: the one list every context shares
 * (settings, protocol, badge, popup). Kept apart from the counter so a page
 * or a settings screen can name encodings without loading the tokenizer.
 */
export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const DEFAULT_ENCODING: Encoding = 'o200k_base';
