import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const script = resolve(__dirname, '../../../scripts/locales.mjs');

function run(args: string[] = []): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

function localesDir(files: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  for (const [lang, messages] of Object.entries(files)) {
    mkdirSync(join(dir, lang));
    const json = Object.fromEntries(Object.entries(messages).map(([k, message]) => [k, { message }]));
    writeFileSync(join(dir, lang, 'messages.json'), JSON.stringify(json));
  }
  return dir;
}

describe('scripts/locales.mjs', () => {
  it('passes for the extension: en and hi have the same keys and every key used in the code exists', () => {
    const { code, output } = run();
    expect(output).toMatch(/Locales OK: en, hi/);
    expect(code).toBe(0);
  });

  it('reports missing keys, mismatched substitutions, empty messages and unsorted keys', () => {
    const dir = localesDir({
      en: { a_one: 'One $1', b_two: 'Two', c_three: 'Three' },
      hi: { c_three: 'तीन', a_one: 'एक', d_extra: 'x', b_two: ' ' },
    });
    const { code, output } = run(['--dir', dir]);
    expect(code).toBe(1);
    expect(output).toContain('hi: keys are not sorted');
    expect(output).toContain('hi: "a_one" uses substitutions [], en uses [$1]');
    expect(output).toContain('hi: "d_extra" is not in en');
    expect(output).toContain('hi: "b_two" has no message');
  });

  it('sorts the files with --write', () => {
    const dir = localesDir({ en: { b: 'B', a: 'A' }, hi: { b: 'बी', a: 'ए' } });
    expect(run(['--dir', dir]).code).toBe(1);
    expect(run(['--dir', dir, '--write']).code).toBe(0);
  });
});
