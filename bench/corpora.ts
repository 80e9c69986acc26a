/**
 * Benchmark corpora, generated deterministically from files on disk (no
 * network): English prose from the README files of installed packages, source
 * code from their TypeScript sources, Hindi from the test fixture reshuffled,
 * and 10,000 short "selections" cut from all three.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function walk(dir: string, accept: (path: string) => boolean, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) walk(path, accept, out);
    else if (accept(path)) out.push(path);
  }
  return out;
}

function concatenate(files: string[], size: number): string {
  let text = '';
  for (const file of files) {
    if (text.length >= size) break;
    text += readFileSync(file, 'utf8') + '\n';
  }
  if (text.length < size) throw new Error(`Only ${text.length} characters found for a ${size}-character corpus.`);
  return text.slice(0, size);
}

export { random } from '../tests/unit/fixtures/random';
import { random } from '../tests/unit/fixtures/random';

export function englishCorpus(size = 1_000_000): string {
  return concatenate(walk(join(ROOT, 'node_modules'), (p) => /readme\.md$/i.test(p)), size);
}

export function codeCorpus(size = 1_000_000): string {
  return concatenate(
    walk(join(ROOT, 'node_modules'), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.includes('/test')),
    size,
  );
}

/** Sentences of the Hindi fixture in seeded random order, to `size` characters. */
export function hindiCorpus(size = 200_000): string {
  const source = readFileSync(join(ROOT, 'tests/fixtures/tokens/hindi.txt'), 'utf8');
  const sentences = source.split(/(?<=[।?\n])\s*/).filter(Boolean);
  const next = random(42);
  let text = '';
  while (text.length < size) {
    text += sentences[Math.floor(next() * sentences.length)] + (next() < 0.2 ? '\n\n' : ' ');
  }
  return text.slice(0, size);
}

/** `count` strings of 5–200 characters cut at random places from the other corpora. */
export function shortStrings(sources: string[], count = 10_000): string[] {
  const next = random(7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length]!;
    const length = 5 + Math.floor(next() * 196);
    const start = Math.floor(next() * (source.length - length));
    out.push(source.slice(start, start + length));
  }
  return out;
}
