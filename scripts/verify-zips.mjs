#!/usr/bin/env node
/**
 * `npm run zip:verify` (after `npm run zip`): checks the store zips as a reviewer would.
 *
 * 1. Each store zip (Chrome, Firefox) holds a production build: no e2e test hooks, no source maps,
 *    no test fixtures.
 * 2. The Firefox zip passes Mozilla's addons-linter with 0 errors (warnings are listed; README
 *    "Store release" explains each).
 * 3. The sources zip rebuilds the same add-on: it is unpacked into a temporary folder, where
 *    `npm ci && npm run build:firefox` runs as AMO's reviewers would, and every file of the
 *    rebuilt .output/firefox-mv3 must equal the Firefox zip's, byte for byte, and no file may be
 *    missing on either side.
 *
 * Needs `unzip` (Debian: apt-get install unzip). Exit code 1 on any problem.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const zips = {
  chrome: join(ROOT, '.output', `${name}-${version}-chrome.zip`),
  firefox: join(ROOT, '.output', `${name}-${version}-firefox.zip`),
  sources: join(ROOT, '.output', `${name}-${version}-sources.zip`),
};
const problems = [];
const keep = process.argv.includes('--keep');

function unzip(zip, dir) {
  execFileSync('unzip', ['-q', '-o', zip, '-d', dir], { stdio: 'inherit' });
}

function files(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const work = mkdtempSync(join(tmpdir(), 'token-insight-zips-'));
try {
  for (const [kind, zip] of Object.entries(zips)) {
    try {
      statSync(zip);
    } catch {
      throw new Error(`${relative(ROOT, zip)} is missing: run "npm run zip" first.`);
    }
    console.log(`${relative(ROOT, zip)}: ${(statSync(zip).size / 1e6).toFixed(2)} MB`);
    if (kind === 'sources') continue;
    const dir = join(work, kind);
    unzip(zip, dir);
    for (const f of files(dir)) {
      if (f.endsWith('.map')) problems.push(`${kind} zip: source map ${f}`);
      if (/(^|\/)(tests?|fixtures)\//.test(f)) problems.push(`${kind} zip: test file ${f}`);
      if (f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('__tokenInsight')) problems.push(`${kind} zip: test hooks in ${f}`);
    }
  }

  // addons-linter on the Firefox zip.
  let report;
  try {
    report = execFileSync('npx', ['addons-linter', '--output', 'json', zips.firefox], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    report = error.stdout; // exits non-zero when it finds errors
  }
  const lint = JSON.parse(report);
  console.log(`addons-linter: ${lint.errors.length} errors, ${lint.warnings.length} warnings, ${lint.notices.length} notices`);
  for (const w of lint.warnings) console.log(`  warning ${w.code}: ${w.file ?? ''} ${w.message}`);
  for (const e of lint.errors) problems.push(`addons-linter error ${e.code}: ${e.file ?? ''} ${e.message}`);

  // Rebuild from the sources zip, as AMO's reviewers do, and compare with the Firefox zip.
  const src = join(work, 'sources');
  unzip(zips.sources, src);
  console.log(`\nRebuilding from the sources zip in ${src}: npm ci && npm run build:firefox`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: src, stdio: 'inherit' });
  execFileSync('npm', ['run', 'build:firefox'], { cwd: src, stdio: 'inherit' });
  const rebuilt = join(src, '.output/firefox-mv3');
  const shipped = join(work, 'firefox');
  const a = files(shipped);
  const b = files(rebuilt);
  for (const f of a) if (!b.includes(f)) problems.push(`rebuild: ${f} is in the Firefox zip but was not rebuilt`);
  for (const f of b) if (!a.includes(f)) problems.push(`rebuild: ${f} was rebuilt but is not in the Firefox zip`);
  let same = 0;
  for (const f of a.filter((x) => b.includes(x))) {
    if (Buffer.compare(readFileSync(join(shipped, f)), readFileSync(join(rebuilt, f))) === 0) same++;
    else problems.push(`rebuild: ${f} differs from the Firefox zip's`);
  }
  console.log(`rebuild from sources: ${same} of ${a.length} files identical to the Firefox zip's`);
} finally {
  if (keep) console.log(`(kept ${work})`);
  else rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nZips OK: production builds only, addons-linter clean of errors, sources rebuild the same Firefox files.');
