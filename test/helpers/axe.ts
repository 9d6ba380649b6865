import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';

// WCAG 2.1 A/AA, plus 2.2 AA for tap-target size on phones, plus axe's best practices (landmarks, heading order).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** Serious and critical violations, one readable line per element, so a failure says what to fix and where. */
function blockingViolations(results: AxeResults): string[] {
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help} — ${violation.helpUrl}`),
    );
}

/**
 * Screenshots the page and expects axe-core to find no serious or critical violation on it (minor ones are printed).
 * `exclude` leaves out elements by selector: a sandboxed frame that runs no script (axe cannot run inside it, and waits forever).
 */
export async function expectAccessible(page: Page, name: string, options: { exclude?: string[] } = {}): Promise<void> {
  await screenshot(page, `a11y-${name}`);
  const axe = new AxeBuilder({ page }).withTags(TAGS);
  for (const selector of options.exclude ?? []) axe.exclude(selector);
  const results = await axe.analyze();
  const minor = results.violations.filter((violation) => violation.impact !== 'serious' && violation.impact !== 'critical');
  if (minor.length > 0)
    console.warn(
      `${name}: ${minor.map((violation) => `${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`).join('; ')}`,
    );
  expect(blockingViolations(results)).toEqual([]);
}
