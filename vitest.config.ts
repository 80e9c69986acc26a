import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';

const root = fileURLToPath(new URL('.', import.meta.url));

function e2eProject(browser: 'chromium' | 'firefox') {
  return {
    // The e2e files import pure modules (countTokens, the fake API's data) by the same `@/` paths.
    resolve: { alias: { '@/': root } },
    test: {
      name: browser === 'chromium' ? 'e2e' : 'e2e-firefox',
      environment: 'node' as const,
      include: ['tests/e2e/**/*.e2e.ts'],
      env: { E2E_BROWSER: browser },
      globalSetup: ['tests/e2e/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Conditions in a real browser on a busy 2-core machine can take seconds:
      // expect.poll waits up to 10 s (its 1 s default made tests flaky under load).
      expect: { poll: { timeout: 10_000, interval: 50 } },
      // Each file launches its own browser; two at a time fits a 2-core machine.
      maxWorkers: 2,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        // The content script's DOM modules (scanner, text blocks, hit-test, hover, selection reader and
        // watcher…) in a real page of Debian's Chromium (never a downloaded browser), one module at a time.
        resolve: { alias: { '@/': root } },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
                args: ['--no-sandbox', '--disable-gpu'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            viewport: { width: 1000, height: 700 },
          },
          // One browser, files one after another: the machine has two cores.
          fileParallelism: false,
        },
      },
      // The e2e suites, once per browser: `e2e` drives Chromium (Playwright), `e2e-firefox` Firefox ESR
      // (puppeteer-core over WebDriver BiDi), through the harness's browser-neutral driver (tests/e2e/harness/driver.ts).
      e2eProject('chromium'),
      e2eProject('firefox'),
      {
        plugins: [WxtVitest()],
        test: {
          // `npm run bench`: speed figures, printed side by side with reference libraries.
          // Benchmarks report numbers; they do not assert timings.
          name: 'bench',
          environment: 'node',
          include: ['bench/**/*.bench.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
