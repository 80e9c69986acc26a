import { defineConfig } from 'wxt';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { rankAssets } from './scripts/rank-assets';
import { CONTENT_CHUNKS_DIR, contentChunks } from './scripts/content-chunks';
import { mentionTriggersPlugin } from './scripts/mention-triggers-plugin';
import { polyfillAsEsm } from './scripts/polyfill-esm';
import { ordinaryWordsAssets } from './scripts/ordinary-words';

// See README "Permissions" for why each entry is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The palette is written with light-dark() (components/ui/palette.css): CSS is built for browsers that have it
  // (Chrome 123, Firefox 120; Firefox's minimum is 142), not rewritten into a polyfill that breaks custom properties.
  vite: () => ({ plugins: [polyfillAsEsm(), preact(), mentionTriggersPlugin()], build: { cssTarget: ['chrome123', 'firefox142'] } }),
  // `npm run zip`: the store zips (.output/token-insight-<version>-chrome.zip, -firefox.zip) and, for AMO, the sources
  // zip: exactly what `npm ci && npm run build:firefox` needs to rebuild the Firefox files, and nothing else
  // (no tests, fixtures, benchmarks, screenshots or store texts). `npm run zip:verify` rebuilds from it and compares.
  zip: {
    sourcesRoot: '.',
    includeSources: [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'entrypoints/**',
      'components/**',
      'utils/**',
      'public/**',
      'scripts/**',
      'README.md',
      'PRIVACY.md',
      'CHANGELOG.md',
      'store/SOURCES.md',
    ],
    excludeSources: ['scripts/test-e2e.mjs'],
  },
  hooks: {
    // Token counting ranks as binary files fetched on the first count (README "Performance").
    'build:publicAssets': async (wxt, files) => {
      files.push(...(await rankAssets(wxt.config.wxtDir)));
      // The ordinary-word list that decides which category coins' names are distinctive, read by the background on demand.
      files.push(...(await ordinaryWordsAssets(wxt.config.wxtDir)));
      // The content script's features, imported by it on first use (README "Performance").
      files.push(
        ...(await contentChunks({ root: wxt.config.root, workDir: wxt.config.wxtDir, mode: wxt.config.mode, browser: wxt.config.browser })),
      );
    },
    // The e2e tests' hooks (entrypoints/content/e2e-hooks.ts) exist only in `npm run build:e2e`: fail a
    // production build that carries them.
    'build:done': async (wxt, output) => {
      if (wxt.config.mode !== 'production') return;
      const built = [...output.steps.flatMap((step) => step.chunks), ...output.publicAssets].map((c) => c.fileName);
      for (const fileName of built) {
        if (!fileName.endsWith('.js')) continue;
        if ((await readFile(join(wxt.config.outDir, fileName), 'utf8')).includes('__tokenInsight')) {
          throw new Error(`${fileName} carries test hooks (__tokenInsight…): they belong in the e2e build only.`);
        }
      }
    },
  },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'contextMenus'],
    // Chromium refuses Alt+Shift+T for extensions; Alt+Shift+K is free in Chrome and Firefox.
    commands: {
      'count-selection': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_command_countSelection__',
      },
    },
    // Prices are fetched by the background from these APIs only (README "Permissions").
    host_permissions: [
      'https://api.coingecko.com/*',
      'https://pro-api.coingecko.com/*',
      'https://api.coinbase.com/*',
      // The e2e build only: the tests' local price server stands for a custom host the user granted.
      ...(mode === 'e2e' ? ['http://127.0.0.1/*', 'http://localhost/*'] : []),
    ],
    // Asked for only when the user turns on price alerts / sets a custom price API host.
    optional_permissions: ['notifications'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    action: { default_title: 'Token Insight' },
    // The ::highlight() rule that marks token mentions must be in the page's document:
    // a manifest stylesheet (entrypoints/mentions-highlight.content.css) is, and no page CSP blocks it.
    content_scripts: [{ matches: ['<all_urls>'], css: ['content-scripts/mentions-highlight.css'] }],
    // The content script's features load on first use from these modules (scripts/content-chunks.ts). Pages can reach a
    // web-accessible file only by its address: in Chrome it is a per-session random one (use_dynamic_url), in Firefox
    // the moz-extension:// host is a random id per install, so no page can probe for the extension by a fixed address.
    web_accessible_resources: [
      {
        resources: [`${CONTENT_CHUNKS_DIR}/*`],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'token-insight@token-insight.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
