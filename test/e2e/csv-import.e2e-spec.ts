import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { CsvImport, CsvImportStatus } from '../../src/catalog/entities/csv-import.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { aProduct } from '../helpers/factories.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

type Row = Record<string, string>;

describe('importing products from CSV: a dry run first, then applied batch by batch', () => {
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop();
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  const exported = async () => (await owner.get('/admin/csv/products.csv')).html;
  const rowsOf = (csv: string) => parse<Row>(csv, { columns: true, bom: true });
  const csvOf = (rows: Row[]) => stringify(rows, { header: true, columns: Object.keys(rows[0]) });
  const count = (entity: typeof AuditEntry | typeof Product | typeof StockMovement) => shop.dataSource.getRepository(entity).count();

  /** Uploads a file for its dry run; answers the import's page. */
  async function check(csv: string, name = 'products.csv') {
    const page = await owner.get('/admin/csv');
    const checked = await owner.postMultipart('/admin/csv/products', { _csrf: csrfTokenIn(page.html) }, [
      { field: 'file', name, content: Buffer.from(csv), type: 'text/csv' },
    ]);
    if (checked.status !== 303) return { ...checked, path: '' };
    return { ...(await owner.follow(checked)), path: checked.location as string };
  }

  /** Applies a checked import and waits until it has finished applying (the page reloads itself meanwhile). */
  async function apply(importPage: { html: string }) {
    const action = /action="(\/admin\/csv\/imports\/\d+\/apply)"/.exec(importPage.html)?.[1] as string;
    expect((await owner.post(action, { _csrf: csrfTokenIn(importPage.html) })).status).toBe(303);
    const page = action.replace(/\/apply$/, '');
    for (let i = 0; i < 200; i++) {
      const now = await owner.get(page);
      if (!now.html.includes('http-equiv="refresh"')) return now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the import did not finish');
  }

  it('round-trips: an exported catalog imported again changes nothing, and exports the same', async () => {
    await aProduct(shop, { name: 'Ravi Cotton Kurta', sizes: ['S', 'M', 'L'], colours: ['Indigo', 'Rust'], stock: 4 });
    await aProduct(shop, { name: '=HYPERLINK("http://evil.example","Click")', priceMinor: 99_950 });
    const before = await exported();
    const [audit, ledger] = [await count(AuditEntry), await count(StockMovement)];

    const checked = await check(before);
    expect(textOf(checked.html)).toContain('The file checks out');
    expect(textOf(checked.html)).toMatch(/0 new, 0 changed, 2 unchanged \(0 changes in all\)/);
    const done = await apply(checked);

    expect(textOf(done.html)).toContain('Imported: 0 new and 0 changed products.');
    expect(await exported()).toBe(before);
    expect([await count(AuditEntry), await count(StockMovement)]).toEqual([audit, ledger]);
  });

  it('lists every row-level error with its row, column and why, and changes nothing', async () => {
    const kurta = await aProduct(shop, { name: 'Chikan Kurta', sizes: ['S', 'M'] });
    const other = await aProduct(shop, { name: 'Lawn Dupatta' });
    const rows = rowsOf(await exported()).filter((row) => row.product_slug === kurta.slug);
    const otherSku = rowsOf(await exported()).find((row) => row.product_slug === other.slug)?.sku as string;
    const broken = [
      { ...rows[0], price: '24,99x' },
      { ...rows[1], stock: '-3', compare_at_price: '10.00' },
      { ...rows[0], product_slug: 'new-kurta', category_slug: 'no-such-category', sku: 'NEW-KURTA-M' },
      { ...rows[0], product_slug: 'newer-kurta', sku: otherSku, status: 'draft' },
      { ...rows[0], product_slug: 'newer-kurta', product_name: 'Another name', size: 'L', sku: 'NEWER-L', status: 'draft' },
    ];
    const [products, audit] = [await count(Product), await count(AuditEntry)];

    const checked = await check(csvOf(broken));

    const errors = [...checked.html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map(
      ([, row, column, why]) => `${row} ${column}: ${why}`,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2 price: Enter a price such as 2499\.00/),
        expect.stringMatching(/^3 stock: Enter a whole number of units/),
        expect.stringMatching(/^6 product_name: This differs from the product’s first row \(row 5\)/),
      ]),
    );
    expect(textOf(checked.html)).toContain('This file cannot be imported');
    expect(checked.html).not.toContain('Apply the import');
    expect([await count(Product), await count(AuditEntry)]).toEqual([products, audit]);
  });

  it("names the database's rules at their rows too: an unknown category, another product's SKU, a compare-at price below the price", async () => {
    const kurta = await aProduct(shop, { name: 'Gota Kurta', sizes: ['S', 'M'] });
    const other = await aProduct(shop, { name: 'Silk Shawl' });
    const all = rowsOf(await exported());
    const rows = all.filter((row) => row.product_slug === kurta.slug);
    const otherSku = all.find((row) => row.product_slug === other.slug)?.sku as string;

    const checked = await check(
      csvOf([
        { ...rows[0], compare_at_price: '10.00' },
        { ...rows[1] },
        { ...rows[0], product_slug: 'brand-new-kurta', category_slug: 'no-such-category', sku: 'BRAND-NEW-S', status: 'draft' },
        { ...rows[0], product_slug: 'taken-sku-kurta', sku: otherSku, status: 'draft' },
      ]),
    );

    const text = textOf(checked.html);
    expect(text).toMatch(/2 compare_at_price The compare-at price \(the “was” price\) cannot be below the price\./);
    expect(text).toMatch(/4 category_slug There is no category with the address “no-such-category”\./);
    expect(text).toMatch(new RegExp(`5 sku The SKU ${otherSku} belongs to Silk Shawl\\.`));
  });

  it('applies new products and changes, through the inventory and the audit log, and the shop shows them at once', async () => {
    const kurta = await aProduct(shop, { name: 'Phulkari Kurta', sizes: ['S', 'M'], stock: 5, priceMinor: 300_000 });
    const rows = rowsOf(await exported()).filter((row) => row.product_slug === kurta.slug);
    const file = csvOf([
      { ...rows[0], price: '2750.00', stock: '8' },
      rows[1],
      { ...rows[0], product_slug: 'imported-kurta', product_name: 'Imported Kurta', sku: 'IMPORTED-S', status: 'draft', stock: '3' },
    ]);

    const checked = await check(file);
    expect(textOf(checked.html)).toMatch(/1 new, 1 changed, 0 unchanged/);
    await apply(checked);

    const small = await shop.dataSource.getRepository(Variant).findOneByOrFail({ sku: rows[0].sku });
    expect(small).toMatchObject({ priceMinor: 275_000, stock: 8 });
    expect(await shop.dataSource.getRepository(StockMovement).findBy({ variantId: small.id })).toEqual(
      expect.arrayContaining([expect.objectContaining({ delta: 3 })]),
    );
    expect(await shop.dataSource.getRepository(Product).findOneByOrFail({ slug: 'imported-kurta' })).toMatchObject({ name: 'Imported Kurta', status: 'draft' });
    expect(textOf((await new Shopper(shop.baseUrl).get(`/products/${kurta.slug}`)).html)).toContain('2,750');
    expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'product.created', actorEmail: OWNER.email })).toBeGreaterThan(0);
  });

  it('refuses a second apply of the same import, and any apply of a file that had errors', async () => {
    const kurta = await aProduct(shop, { name: 'Khaddar Kurta' });
    const rows = rowsOf(await exported()).filter((row) => row.product_slug === kurta.slug);
    const checked = await check(csvOf(rows));
    const applyAction = /action="(\/admin\/csv\/imports\/\d+\/apply)"/.exec(checked.html)?.[1] as string;
    const done = await apply(checked);

    const again = await owner.post(applyAction, { _csrf: csrfTokenIn(done.html) });
    expect(textOf((await owner.follow(again)).html)).toContain('This import has already been applied.');

    const refused = await check(csvOf([{ ...rows[0], price: 'free' }]));
    expect(refused.html).not.toContain('Apply the import');
    const forced = await owner.post(`${refused.path}/apply`, { _csrf: csrfTokenIn(refused.html) });
    expect(textOf((await owner.follow(forced)).html)).toContain('This file has errors: fix them and upload it again.');
  });

  it('stops at a batch the catalog no longer accepts, naming its row, and keeps the batches before it', async () => {
    // More products than one batch holds, the last one new: the batches are applied in file order.
    const rows: Row[] = [];
    for (let i = 0; i < 26; i++) {
      const product = await aProduct(shop, { name: `Batch Kurta ${i}` });
      rows.push({ ...rowsOf(await exported()).find((row) => row.product_slug === product.slug)!, price: '1000.00' });
    }
    rows.push({ ...rows[0], product_slug: 'late-kurta', product_name: 'Late Kurta', sku: 'LATE-KURTA-M', status: 'draft' });
    const checked = await check(csvOf(rows));
    expect(textOf(checked.html)).toContain('The file checks out');
    // Meanwhile someone gives the SKU the file's new product wants to another product.
    const rival = await aProduct(shop, { name: 'Rival Kurta' });
    await shop.dataSource.getRepository(Variant).update({ id: rival.variantIds[0] }, { sku: 'LATE-KURTA-M' });

    const stopped = await apply(checked);

    expect(textOf(stopped.html)).toContain('Applying stopped at the rows below');
    expect(textOf(stopped.html)).toMatch(/28 sku The SKU LATE-KURTA-M belongs to Rival Kurta\./);
    expect(textOf(stopped.html)).toContain('1 of 2 batches were applied');
    const first = await shop.dataSource.getRepository(Variant).findOneByOrFail({ sku: rows[0].sku });
    const last = await shop.dataSource.getRepository(Variant).findOneByOrFail({ sku: rows[25].sku });
    expect([first.priceMinor, last.priceMinor]).toEqual([100_000, 250_000]);
    expect(await shop.dataSource.getRepository(Product).existsBy({ slug: 'late-kurta' })).toBe(false);
  });

  it('starts applying once when the button is pressed twice at once, and resumes an import cut short without applying a batch twice', async () => {
    const kurta = await aProduct(shop, { name: 'Resumed Kurta', priceMinor: 200_000 });
    const rows = rowsOf(await exported()).filter((row) => row.product_slug === kurta.slug);
    const checked = await check(csvOf([{ ...rows[0], price: '2100.00' }]));
    const id = Number(checked.path.split('/').at(-1));
    // As if the instance applying it had stopped before its first batch: applying, and not moved for an hour.
    await shop.dataSource.getRepository(CsvImport).update({ id }, { status: CsvImportStatus.Applying, progressAt: new Date(Date.now() - 3_600_000) });
    const stalled = await owner.get(checked.path);
    expect(textOf(stalled.html)).toContain('Applying stopped');

    const token = csrfTokenIn(stalled.html);
    const presses = await Promise.all([1, 2].map(() => owner.post(`${checked.path}/apply`, { _csrf: token })));
    expect(presses.map((press) => press.status)).toEqual([303, 303]);
    const done = await apply({ html: stalled.html });

    expect(textOf(done.html)).toContain('Imported: 0 new and 1 changed products.');
    expect((await shop.dataSource.getRepository(Variant).findOneByOrFail({ sku: rows[0].sku })).priceMinor).toBe(210_000);
    expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'variant.updated', subjectId: String(kurta.variantIds[0]) })).toBe(1);
  });

  it('answers a file over 10 MB with 413 and stores nothing', async () => {
    const imports = await shop.dataSource.query('SELECT COUNT(*) AS n FROM csv_import');
    const page = await owner.get('/admin/csv');
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    const refused = await owner.postMultipart('/admin/csv/products', { _csrf: csrfTokenIn(page.html) }, [
      { field: 'file', name: 'huge.csv', content: huge, type: 'text/csv' },
    ]);
    expect(refused.status).toBe(413);
    expect(await shop.dataSource.query('SELECT COUNT(*) AS n FROM csv_import')).toEqual(imports);
  });
});
