import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { projectRoot } from '../../src/common/paths.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));

export const chromiumPath = CANDIDATES.find((candidate) => existsSync(candidate));

/**
 * Browser journeys run in Debian's Chromium. Without one they are skipped with a loud message on a
 * developer's machine, but under CI=true a missing browser fails the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error('No Chromium found (tried CHROMIUM_PATH, /usr/bin/chromium). Install it: apt-get install -y chromium');
      });
    });
    return;
  }
  console.warn(`\n!!! SKIPPING browser journeys "${name}": no Chromium found. Install it with: apt-get install -y chromium\n`);
  describe.skip(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const artifacts = path.join(projectRoot, 'test', 'artifacts');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * Every stylesheet, script and picture a page loads must load, and no script may fail: what went wrong
 * is collected here for the test to expect empty. `pagesMayFail` lets a page itself answer 4xx (a 422
 * form) while still holding its assets to it.
 */
export function watchForErrors(page: Page, options: { pagesMayFail?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on('response', (response) => {
    if (response.status() < 400 || (options.pagesMayFail && response.request().resourceType() === 'document')) return;
    errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
