/**
 * Build step (wxt.config.ts, hook `build:publicAssets`): the content script's
 * features that a page may never need — the mention detector and its hover
 * card, the selection badge — built as ES modules into `content-chunks/`,
 * which the small content script every page runs imports on first use
 * (`entrypoints/content/chunks.ts`). WXT builds each content script as one
 * IIFE and lists it in the manifest, so these are built here with Vite, with
 * the same aliases, plugins, mode and CSS target as WXT's own build.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';

import { CONTENT_CHUNKS, CONTENT_CHUNKS_DIR } from '../entrypoints/content/chunk-names';
import { polyfillAsEsm } from './polyfill-esm';

export { CONTENT_CHUNKS_DIR };

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

export async function contentChunks(options: {
  root: string;
  workDir: string;
  mode: string;
  browser: string;
}): Promise<{ absoluteSrc: string; relativeDest: string }[]> {
  const outDir = join(options.workDir, 'content-chunks', `${options.browser}-${options.mode}`);
  await rm(outDir, { recursive: true, force: true });
  // One self-contained module per chunk: Chrome serves these at a per-session address (use_dynamic_url), and a
  // module's relative imports resolve against the extension's fixed address, which pages may not load. So no
  // chunk imports another; code two chunks share is in both (each loads at most once per page).
  for (const [name, entry] of Object.entries(CONTENT_CHUNKS)) {
    await build({
      configFile: false,
      root: options.root,
      mode: options.mode,
      logLevel: 'warn',
      publicDir: false,
      plugins: [polyfillAsEsm(), preact()],
      resolve: {
        alias: {
          '@/': `${options.root}/`,
          'wxt/browser': '@wxt-dev/webextension-polyfill/browser',
        },
      },
      define: {
        'import.meta.env.BROWSER': JSON.stringify(options.browser),
      },
      build: {
        outDir,
        emptyOutDir: false,
        target: ['chrome123', 'firefox142'],
        cssTarget: ['chrome123', 'firefox142'],
        modulePreload: false,
        sourcemap: false,
        minify: options.mode !== 'development',
        reportCompressedSize: false,
        rollupOptions: {
          input: { [name]: join(options.root, entry) },
          preserveEntrySignatures: 'exports-only',
          output: { format: 'es', entryFileNames: '[name].js', inlineDynamicImports: true },
        },
      },
    });
  }
  return (await files(outDir)).map((absoluteSrc) => ({
    absoluteSrc,
    relativeDest: join(CONTENT_CHUNKS_DIR, relative(outDir, absoluteSrc)),
  }));
}
