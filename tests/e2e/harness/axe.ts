/**
 * Accessibility checks with axe-core in a page: serious and critical
 * violations as readable lines (shadow roots included).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { UiPage } from './driver';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
}

/** Violations in the page, or only those whose target path starts with `within` (e.g. a shadow host's selector). */
export async function axeViolations(page: UiPage, within?: string): Promise<string[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // A target inside a shadow root reads [["host-selector", "inner selector"]].
    .map((v) => ({ ...v, targets: within ? v.targets.filter((t) => t.startsWith(`[${JSON.stringify(within)}`) || t.startsWith(`[[${JSON.stringify(within)}`)) : v.targets }))
    .filter((v) => v.targets.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
