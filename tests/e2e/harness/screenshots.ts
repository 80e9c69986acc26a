/**
 * Where e2e screenshots go: docs/screenshots (shown in the README) only when
 * UPDATE_SCREENSHOTS=1, otherwise .output/screenshots, so a test run never
 * dirties the working tree.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SCREENSHOTS_DIR } from './paths';

export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? SCREENSHOTS_DIR : join(ROOT, '.output/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
