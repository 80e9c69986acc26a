/**
 * Vite plugin: `virtual:mention-triggers` is the list of the registry's
 * trigger words (utils/mentions/triggers.ts), computed at build time, so the
 * content script every page loads carries a short word list, not the registry.
 */
import type { Plugin } from 'vite';
import { REGISTRY } from '../utils/mentions/registry';
import { mentionTriggerWords } from '../utils/mentions/triggers';

const ID = 'virtual:mention-triggers';

export function mentionTriggersPlugin(): Plugin {
  return {
    name: 'token-insight:mention-triggers',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load: (id) => (id === `\0${ID}` ? `export default ${JSON.stringify(mentionTriggerWords(REGISTRY))};` : undefined),
  };
}
