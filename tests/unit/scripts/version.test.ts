import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script module without type declarations
import { nextVersion, releaseChangelog } from '../../../scripts/version.mjs';

describe('nextVersion', () => {
  it('bumps major, minor and patch, resetting the parts after', () => {
    expect(nextVersion('1.4.9', 'patch')).toBe('1.4.10');
    expect(nextVersion('1.4.9', 'minor')).toBe('1.5.0');
    expect(nextVersion('1.4.9', 'major')).toBe('2.0.0');
  });

  it('takes an explicit version only if it comes after the current one', () => {
    expect(nextVersion('0.1.0', '0.10.0')).toBe('0.10.0');
    expect(() => nextVersion('0.2.0', '0.1.9')).toThrow(/not after 0\.2\.0/);
    expect(() => nextVersion('0.2.0', '0.2.0')).toThrow(/not after/);
  });

  it('refuses versions the stores would not take', () => {
    expect(() => nextVersion('0.1.0', '1.0.0-beta')).toThrow(/not a version/);
    expect(() => nextVersion('0.1', 'patch')).toThrow(/not a version/);
  });
});

describe('releaseChangelog', () => {
  const log = '# Changelog\n\n## Unreleased\n\n- Firefox support.\n\n## 0.1.0 — 2026-11-01\n\n- First release.\n';

  it('releases the Unreleased notes under the version and date, with a new empty Unreleased above', () => {
    expect(releaseChangelog(log, '0.2.0', '2026-12-05')).toBe(
      '# Changelog\n\n## Unreleased\n\n## 0.2.0 — 2026-12-05\n\n- Firefox support.\n\n## 0.1.0 — 2026-11-01\n\n- First release.\n',
    );
  });

  it('refuses a release with nothing to say, or a version already released', () => {
    expect(() => releaseChangelog('# Changelog\n\n## Unreleased\n\n## 0.1.0 — 2026-11-01\n- x\n', '0.2.0', '2026-12-05')).toThrow(/Nothing under/);
    expect(() => releaseChangelog(log, '0.1.0', '2026-12-05')).toThrow(/already has 0\.1\.0/);
    expect(() => releaseChangelog('# Changelog\n', '0.2.0', '2026-12-05')).toThrow(/no "## Unreleased"/);
  });
});
