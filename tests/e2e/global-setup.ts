// Fails the e2e run early, with a clear message, when what it needs is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { realpathSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, extensionDir, FIREFOX_PATH } from './harness/paths';

export default function setup(project: TestProject) {
  const firefox = project.config.env?.E2E_BROWSER === 'firefox';
  const [path, install] = firefox ? [FIREFOX_PATH, 'sudo apt-get install -y firefox-esr firefox-esr-l10n-hi-in'] : [CHROMIUM_PATH, 'sudo apt-get install -y chromium'];
  if (!existsSync(path)) {
    throw new Error(`${firefox ? 'Firefox' : 'Chromium'} not found at ${path}. Install it (Debian: ${install}) or set ${firefox ? 'FIREFOX_PATH' : 'CHROMIUM_PATH'}. End-to-end tests never skip.`);
  }
  if (firefox) {
    // The Hindi tests need Firefox's Hindi language pack (Chromium ships its locales).
    const distribution = `${dirname(realpathSync(path))}/browser/extensions`;
    if (!existsSync(distribution) || !readdirSync(distribution).some((f) => f.startsWith('langpack-hi'))) {
      throw new Error(`Firefox has no Hindi language pack in ${distribution}. Install it (Debian: sudo apt-get install -y firefox-esr-l10n-hi-in).`);
    }
  }
  const dir = extensionDir(firefox ? 'firefox' : 'chromium');
  if (!existsSync(`${dir}/manifest.json`)) {
    throw new Error(`No built extension at ${dir}. Run "npm run build:e2e" first (npm test does).`);
  }
  if (!readFileSync(`${dir}/content-scripts/content.js`, 'utf8').includes('__tokenInsightBadge')) {
    throw new Error(`${dir} has no test hooks: it is a production build. Run "npm run build:e2e".`);
  }
}
