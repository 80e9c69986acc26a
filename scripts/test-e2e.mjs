#!/usr/bin/env node
/**
 * `npm run test:e2e [-- --browser=chromium|firefox|all] [-- <vitest args>]`: builds what the end-to-end
 * suites load (the e2e builds with test hooks, and the production builds for the hostile-page test) for the
 * chosen browsers, then runs the suites in each, one browser after the other (README "Tests").
 * Default: both browsers. Other arguments go to vitest (e.g. a file: tests/e2e/popup.e2e.ts).
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const choice = (args.find((a) => a.startsWith('--browser=')) ?? '--browser=all').slice('--browser='.length);
const rest = args.filter((a) => !a.startsWith('--browser='));
const BROWSERS = { chromium: 'e2e', firefox: 'e2e-firefox' };
const browsers = choice === 'all' ? Object.keys(BROWSERS) : [choice];
for (const b of browsers) {
  if (!(b in BROWSERS)) {
    console.error(`Unknown browser "${b}": use --browser=chromium, --browser=firefox or --browser=all.`);
    process.exit(2);
  }
}

function run(command, commandArgs, env = {}) {
  console.log(`\n> ${[command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const production = { NODE_ENV: 'production' };
for (const b of browsers) {
  const target = b === 'firefox' ? ['-b', 'firefox', '--mv3'] : [];
  run('npx', ['wxt', 'build', ...target, '--mode', 'e2e'], production);
  run('npx', ['wxt', 'build', ...target]);
}
for (const b of browsers) run('npx', ['vitest', 'run', '--project', BROWSERS[b], ...rest]);
