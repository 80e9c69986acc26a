/**
 * Build plugin: webextension-polyfill as an ES module.
 *
 * The polyfill ships as a UMD file (CommonJS to bundlers). A bundler imports a
 * CommonJS module by copying its exports onto a namespace object, property by
 * property, reading each property's descriptor. In Chrome and Firefox the
 * polyfill's export is the browser's own `browser` object, whose properties
 * (alarms, app, runtime, storage, …) are created lazily on first touch: the
 * copy made every page pay for building every extension API's bindings when
 * the content script started (a CPU profile of a bare page: a few ms, the
 * largest single cost of our start-up; README "Performance").
 *
 * Loaded through this plugin, the same file runs unchanged inside an ES module
 * that exports `module.exports` as its default: no copy, nothing touched until
 * used. Used by WXT's build (wxt.config.ts) and the content chunks' build
 * (scripts/content-chunks.ts).
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const POLYFILL_FILE = /[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill(?:\.min)?\.js$/;

export function polyfillAsEsm(): Plugin {
  return {
    name: 'token-insight:polyfill-esm',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0]!;
      if (!POLYFILL_FILE.test(file)) return null;
      const code = await readFile(file, 'utf8');
      // The UMD wrapper takes its CommonJS branch when `exports` exists and fills `module.exports`.
      return `const module = { exports: {} };\nconst exports = module.exports;\n${code}\nexport default module.exports;\n`;
    },
  };
}
