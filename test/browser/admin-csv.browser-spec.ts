import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, watchForErrors } from '../helpers/browser.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const HEADER =
  'product_slug,product_name,category_slug,status,description,seo_title,seo_description,colour,size,sku,price,compare_at_price,stock,low_stock_threshold';
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

/** Fifty rows: ten kurtas in five sizes, as an owner's spreadsheet would hold them; `broken` spoils three cells. */
function fiftyRows(broken: boolean): string {
  const rows = [HEADER];
  for (let p = 1; p <= 10; p++) {
    for (const size of SIZES) {
      const price = broken && p === 3 && size === 'M' ? '"Rs 2,499"' : '2499.00';
      const stock = broken && p === 7 && size === 'L' ? '-2' : String(p);
      const category = broken && p === 9 ? 'no-such-category' : 'imported-kurtas';
      rows.push(`imported-kurta-${p},Imported Kurta ${p},${category},draft,A kurta from a spreadsheet.,,,Indigo,${size},IMP-${p}-${size},${price},,${stock},3`);
    }
  }
  return `${rows.join('\n')}\n`;
}

describeInBrowser('in a real browser: the owner imports a 50-row CSV after fixing what its dry run listed', () => {
  let shop: TestShop;
  let browser: Browser;
  let page: Page;
  const files = mkdtempSync(path.join(os.tmpdir(), 'anarkali-csv-'));

  beforeAll(async () => {
    shop = await startShop();
    await shop.get(CatalogEditor).createCategory({ slug: 'imported-kurtas', name: 'Imported Kurtas', position: 0 });
    browser = await launchChromium();
    // axe-core runs in pages of a context of their own.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${shop.baseUrl}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    rmSync(files, { recursive: true, force: true });
  });

  async function upload(name: string, content: string): Promise<void> {
    const file = path.join(files, name);
    writeFileSync(file, content);
    await page.goto(`${shop.baseUrl}/admin/csv`);
    await page.getByLabel('CSV file (up to 10 MB)').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.waitForURL(/\/admin\/csv\/imports\/\d+$/);
  }

  it('lists the rows to fix, changes nothing, then imports the fixed file', async () => {
    const errors = watchForErrors(page);
    await upload('kurtas.csv', fiftyRows(true));
    await page.getByRole('heading', { name: 'Import of kurtas.csv' }).waitFor();
    const rows = await page
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.textContent?.trim()).join(' ')));
    expect(rows).toEqual([
      expect.stringMatching(/^14 price Enter a price such as 2499\.00/),
      expect.stringMatching(/^35 stock Enter a whole number of units/),
      expect.stringMatching(/^42 category_slug There is no category with the address “no-such-category”\./),
    ]);
    expect(await page.getByRole('button', { name: 'Apply the import' }).count()).toBe(0);
    expect(await shop.dataSource.getRepository(Product).count()).toBe(0);

    await upload('kurtas-fixed.csv', fiftyRows(false));
    await page.getByText('The file checks out').waitFor();
    await page.getByText('10 new, 0 changed, 0 unchanged').waitFor();
    await page.getByRole('button', { name: 'Apply the import' }).click();
    // The page follows the import's progress by reloading itself until it has finished.
    await page.getByText('Imported: 10 new and 0 changed products.').waitFor({ timeout: 30_000 });

    expect(await shop.dataSource.getRepository(Product).count()).toBe(10);
    expect(errors).toEqual([]);
  });

  for (const viewport of VIEWPORTS) {
    it(`has no serious accessibility violations on the import and export pages at ${viewport.width} px`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(`${shop.baseUrl}/admin/csv`);
      await expectAccessible(page, `${viewport.name}-admin-csv`);
      await upload('check.csv', fiftyRows(true));
      await expectAccessible(page, `${viewport.name}-admin-csv-import`);
    });
  }
});
