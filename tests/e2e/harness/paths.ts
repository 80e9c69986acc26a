import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The e2e build (`npm run build:e2e`): the production build plus the content script's test hooks.
export const EXTENSION_DIR = resolve(ROOT, process.env.EXTENSION_DIR ?? '.output/chrome-mv3-e2e');
export const PAGES_DIR = resolve(ROOT, 'tests/fixtures/pages');
export const SCREENSHOTS_DIR = resolve(ROOT, 'docs/screenshots');
