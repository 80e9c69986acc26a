// Fails the e2e run early, with a clear message, when what it needs is missing.
import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_PATH, EXTENSION_DIR } from './harness/paths';

export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH. End-to-end tests never skip.`,
    );
  }
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    throw new Error(`No built extension at ${EXTENSION_DIR}. Run "npm run build:e2e" first (npm test does).`);
  }
  if (!readFileSync(`${EXTENSION_DIR}/content-scripts/content.js`, 'utf8').includes('__tokenInsightBadge')) {
    throw new Error(`${EXTENSION_DIR} has no test hooks: it is a production build. Run "npm run build:e2e".`);
  }
}
