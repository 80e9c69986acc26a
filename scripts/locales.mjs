#!/usr/bin/env node
/**
 * Checks the UI strings: every locale in public/_locales has the same keys as
 * `en`, with the same $1…$9 substitutions, no empty messages, keys sorted; and
 * every `t('key')` / `__MSG_key__` used in the code exists in `en`.
 *
 *   node scripts/locales.mjs            check (exit code 1 and a list of problems if any)
 *   node scripts/locales.mjs --write    sort every locale file's keys, then check
 *   node scripts/locales.mjs --dir <d>  check another _locales folder (tests)
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const write = args.includes('--write');
const dirArg = args.indexOf('--dir');
const localesDir = dirArg >= 0 ? resolve(args[dirArg + 1]) : join(ROOT, 'public/_locales');
const scanCode = dirArg < 0;

const problems = [];
const read = (lang) => JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8'));
const substitutions = (message) => [...new Set(message.match(/(?<!\$)\$[1-9]/g) ?? [])].sort().join(',');

const langs = readdirSync(localesDir).filter((d) => statSync(join(localesDir, d)).isDirectory()).sort();
if (!langs.includes('en')) problems.push(`${localesDir}: no "en" locale`);
const files = Object.fromEntries(langs.map((lang) => [lang, read(lang)]));

if (write) {
  for (const lang of langs) {
    const sorted = Object.fromEntries(Object.entries(files[lang]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileSync(join(localesDir, lang, 'messages.json'), `${JSON.stringify(sorted, null, 2)}\n`);
    files[lang] = sorted;
  }
}

const en = files.en ?? {};
for (const lang of langs) {
  const messages = files[lang];
  const keys = Object.keys(messages);
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.join('\n') !== sorted.join('\n')) problems.push(`${lang}: keys are not sorted (run node scripts/locales.mjs --write)`);
  for (const key of keys) {
    if (!/^[A-Za-z0-9_@]+$/.test(key)) problems.push(`${lang}: "${key}" is not a valid message name`);
    const message = messages[key]?.message;
    if (typeof message !== 'string' || message.trim() === '') problems.push(`${lang}: "${key}" has no message`);
    else if (lang !== 'en' && typeof en[key]?.message === 'string' && substitutions(message) !== substitutions(en[key].message)) {
      problems.push(`${lang}: "${key}" uses substitutions [${substitutions(message)}], en uses [${substitutions(en[key].message)}]`);
    }
    if (lang !== 'en' && !(key in en)) problems.push(`${lang}: "${key}" is not in en`);
  }
  if (lang !== 'en') for (const key of Object.keys(en)) if (!(key in messages)) problems.push(`${lang}: "${key}" is missing`);
}

if (scanCode) {
  const used = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts)$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_@]+)'/g)) used.set(m[1], path);
      }
    }
  };
  for (const dir of ['components', 'entrypoints', 'utils']) walk(join(ROOT, dir));
  for (const m of readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8').matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) {
    used.set(m[1], join(ROOT, 'wxt.config.ts'));
  }
  for (const [key, path] of used) if (!(key in en)) problems.push(`en: "${key}" is used in ${path.slice(ROOT.length + 1)} but missing`);
}

if (problems.length) {
  console.error(`Locale problems (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Locales OK: ${langs.join(', ')}; ${Object.keys(en).length} messages each.`);
