/**
 * Vite plugin: `virtual:mention-triggers` is the registry's part of a page's
 * trigger test (utils/mentions/triggers.ts), computed at build time from the
 * detector's own compiled parts, so the content script every page loads
 * carries the names, tickers, quote currencies and the first-pass pattern,
 * not the registry's rules.
 */
import type { Plugin } from 'vite';
import { CONTEXT_CUES, REGISTRY } from '../utils/mentions/registry';
import { compile } from '../utils/mentions/compile';
import { triggerData } from '../utils/mentions/triggers';

const ID = 'virtual:mention-triggers';

export function mentionTriggersPlugin(): Plugin {
  return {
    name: 'token-insight:mention-triggers',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load: (id) => (id === `\0${ID}` ? `export default ${JSON.stringify(triggerData(compile(REGISTRY, CONTEXT_CUES, []).parts))};` : undefined),
  };
}
