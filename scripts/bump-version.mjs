#!/usr/bin/env node
/**
 * `npm run version:bump -- <major|minor|patch|X.Y.Z>`: the next release's version in package.json and
 * package-lock.json (the manifest's version comes from package.json), and CHANGELOG.md's "Unreleased"
 * section released under it with today's date. Then: `npm test`, `npm run zip`, `npm run zip:verify`,
 * commit, upload (README "Store release").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nextVersion, releaseChangelog } from './version.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const how = process.argv[2];
if (!how) {
  console.error('Usage: npm run version:bump -- <major|minor|patch|X.Y.Z>');
  process.exit(2);
}
const read = (f) => readFileSync(join(ROOT, f), 'utf8');
try {
  const pkg = JSON.parse(read('package.json'));
  const version = nextVersion(pkg.version, how);
  const changelog = releaseChangelog(read('CHANGELOG.md'), version, new Date().toISOString().slice(0, 10));
  const lock = JSON.parse(read('package-lock.json'));
  pkg.version = version;
  lock.version = version;
  if (lock.packages?.['']) lock.packages[''].version = version;
  writeFileSync(join(ROOT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(ROOT, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  writeFileSync(join(ROOT, 'CHANGELOG.md'), changelog);
  console.log(`Version ${version}: package.json, package-lock.json and CHANGELOG.md updated.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
