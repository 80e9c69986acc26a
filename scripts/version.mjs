/**
 * The release version rules, pure (scripts/bump-version.mjs applies them; tests/unit/scripts/version.test.ts
 * checks them). The extension's manifest takes its version from package.json (WXT), so package.json is the one
 * place a version is written.
 */

/** The version after `current` for `how`: 'major' | 'minor' | 'patch' | an explicit 'X.Y.Z' greater than current. */
export function nextVersion(current, how) {
  const parse = (v) => {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
    if (!m) throw new Error(`"${v}" is not a version like 1.2.3 (the stores take dotted numbers only).`);
    return m.slice(1).map(Number);
  };
  const [major, minor, patch] = parse(current);
  if (how === 'major') return `${major + 1}.0.0`;
  if (how === 'minor') return `${major}.${minor + 1}.0`;
  if (how === 'patch') return `${major}.${minor}.${patch + 1}`;
  const wanted = parse(how);
  const cmp = wanted.map((n, i) => n - [major, minor, patch][i]).find((d) => d !== 0) ?? 0;
  if (cmp <= 0) throw new Error(`${how} is not after ${current}: the stores refuse a version that does not increase.`);
  return how;
}

/**
 * CHANGELOG.md with its "## Unreleased" section released as `version` on `date` (YYYY-MM-DD), under a new empty
 * "## Unreleased". Refuses a release with nothing under Unreleased.
 */
export function releaseChangelog(text, version, date) {
  const heading = /^## Unreleased[ \t]*$/m;
  const match = heading.exec(text);
  if (!match) throw new Error('CHANGELOG.md has no "## Unreleased" section.');
  const start = match.index + match[0].length;
  const next = text.slice(start).search(/^## /m);
  const body = next < 0 ? text.slice(start) : text.slice(start, start + next);
  if (!body.trim()) throw new Error('Nothing under "## Unreleased" in CHANGELOG.md: say what changed before releasing.');
  if (new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm').test(text)) throw new Error(`CHANGELOG.md already has ${version}.`);
  return `${text.slice(0, match.index)}## Unreleased\n\n## ${version} — ${date}${text.slice(start)}`;
}
