import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { Role, User } from '../../src/auth/entities/user.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { StockReason } from '../../src/catalog/stock-reason.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { csrfTokenIn, decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

/** Each row of the page's first table, as the text a person reads. */
function rowsOf(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => textOf(row).trim());
}

/** The text of one variant's card on a product's stock page. */
function cardOf(html: string, variantId: number): string {
  const card = new RegExp(`<section class="stock-card" id="variant-${variantId}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (!card) throw new Error(`no card for variant ${variantId}`);
  return card;
}

describe('the inventory screens: what runs low, stock per product, adjustments and the ledger', () => {
  const STAFF = { name: 'Sana Stockroom', email: 'sana@example.test', password: 'a-long-enough-password' };
  let shop: TestShop;
  let owner: Shopper;
  let inventory: InventoryService;
  let ownerActor: { userId: number; email: string; ip: string };
  /** Sizes S, M, L in Indigo; S sold out and M down to 2: a broken size run and two low rows. */
  let kurta: ProductFixture;
  let plenty: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    inventory = shop.get(InventoryService);
    await shop.get(AuthService).register(STAFF, Role.Staff);
    const ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    ownerActor = { userId: ownerId, email: OWNER.email, ip: '127.0.0.1' };
    kurta = await aProduct(shop, { name: 'Chikan <em>Kurta</em>', stock: 6, sizes: ['S', 'M', 'L'] });
    plenty = await aProduct(shop, { name: 'Plentiful Dupatta', stock: 40 });
    await inventory.adjust({ variantId: kurta.variantIds[0], delta: -6, reason: StockReason.Damaged, note: 'Water damage' }, ownerActor);
    await inventory.adjust({ variantId: kurta.variantIds[1], delta: -4, reason: StockReason.Correction, note: null }, ownerActor);
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  it('lists the variants at or below their low-stock level, sold out first, flagging the broken size run', async () => {
    const page = await owner.get('/admin/inventory');

    expect(page.status).toBe(200);
    expect(rowsOf(page.html)).toEqual([
      expect.stringMatching(/^Chikan <em>Kurta<\/em> S \/ Indigo \S+ 0 3 Sold out Broken size run$/),
      expect.stringMatching(/^Chikan <em>Kurta<\/em> M \/ Indigo \S+ 2 3 Low Broken size run$/),
    ]);
    expect(page.html).toContain('Chikan &lt;em&gt;Kurta&lt;/em&gt;');
    expect(textOf(page.html)).toContain('2 variants at or below their low-stock level');
    expect(textOf(page.html)).toContain('Chikan <em>Kurta</em> in Indigo: sold out in S ; in stock in M, L');
    expect(page.html).toContain('<a href="/admin/inventory" aria-current="page">Inventory</a>');
  });

  it('finds a product by name or SKU and opens its stock page', async () => {
    const byName = await owner.get('/admin/inventory?q=dupatta');
    expect(textOf(byName.html)).toContain('Plentiful Dupatta 1 variant, 40 on hand');
    const sku = `${kurta.slug.toUpperCase()}-L`;
    const bySku = await owner.get(`/admin/inventory?q=${encodeURIComponent(sku.toLowerCase())}`);
    expect(textOf(bySku.html)).toContain(`Products matching “${sku.toLowerCase()}” Chikan <em>Kurta</em> 3 variants, 8 on hand`);
    expect(decodedLinks(bySku.html)).toContain(`<a href="/admin/inventory/products/${await productIdOf(kurta.variantIds[0])}">Chikan`);
    expect(textOf((await owner.get('/admin/inventory?q=%25')).html)).toContain('No product matches “%”.');
  });

  it('receives stock from the product page: back to it with a message, the ledger and the audit log saying who and why', async () => {
    const [, medium] = kurta.variantIds;
    const stockPage = await owner.get(`/admin/inventory/products/${await productIdOf(medium)}`);
    expect(textOf(cardOf(stockPage.html, medium))).toMatch(/M \/ Indigo 2 on hand .* Low Broken size run Ledger/);

    const received = await adjustOnStockPage(owner, medium, { delta: '12', reason: StockReason.Received, note: 'Delivery note 14' });

    expect(received.status).toBe(303);
    expect(received.location).toBe(`/admin/inventory/products/${await productIdOf(medium)}#variant-${medium}`);
    expect(textOf((await owner.follow(received)).html)).toContain('Stock adjusted: 14 on hand now.');
    expect(await inventory.stockOf(medium)).toBe(14);
    const [row] = await shop.dataSource.getRepository(StockMovement).find({ where: { variantId: medium }, order: { id: 'DESC' }, take: 1 });
    expect(row).toMatchObject({ delta: 12, reason: 'received', note: 'Delivery note 14', userId: ownerActor.userId });
    const [entry] = await shop.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'stock.adjusted', subjectId: String(medium) }, order: { id: 'DESC' }, take: 1 });
    expect(entry).toMatchObject({ actorEmail: OWNER.email, subjectType: 'variant' });
    expect(JSON.parse(entry.after ?? '')).toEqual({ stock: 14, delta: 12, reason: 'received', note: 'Delivery note 14' });
  });

  it('refuses to take stock below zero with 422, keeping what was typed in that variant’s form only', async () => {
    const variantId = plenty.variantIds[0];

    const refused = await adjustOnStockPage(owner, variantId, { delta: '-41', reason: StockReason.Damaged, note: 'Flooded <stockroom>' });

    expect(refused.status).toBe(422);
    const card = cardOf(refused.html, variantId);
    expect(card).toContain('value="-41"');
    expect(card).toContain('value="Flooded &lt;stockroom&gt;"');
    expect(card).toMatch(/<option value="damaged" selected>/);
    expect(card).toContain('aria-invalid="true"');
    expect(textOf(card)).toContain('Only 40 on hand: stock cannot go below zero, so enter -40 or more.');
    expect(await inventory.stockOf(variantId)).toBe(40);
  });

  it.each<{ fields: Record<string, string>; field: string; message: string }>([
    { fields: { delta: 'twelve', reason: StockReason.Received }, field: 'delta', message: 'Enter a whole number of units, such as 12 or -2.' },
    { fields: { delta: '1.5', reason: StockReason.Received }, field: 'delta', message: 'Enter a whole number of units, such as 12 or -2.' },
    { fields: { delta: '5', reason: 'stolen' }, field: 'reason', message: 'Please choose why the stock changes.' },
    { fields: { delta: '5', reason: StockReason.Damaged }, field: 'delta', message: 'Damaged units leave the shelf: enter a negative number, such as -5.' },
    { fields: { delta: '5', reason: StockReason.Received, note: 'n'.repeat(201) }, field: 'note', message: 'A note may be up to 200 characters.' },
  ])('answers 422 with a message at the $field field for $fields.delta / $fields.reason', async ({ fields, field, message }) => {
    const variantId = plenty.variantIds[0];

    const refused = await adjustOnStockPage(owner, variantId, fields);

    expect(refused.status).toBe(422);
    const card = cardOf(refused.html, variantId);
    expect(card).toContain(`id="${field}-${variantId}-error"`);
    expect(textOf(card)).toContain(message);
    expect(await inventory.stockOf(variantId)).toBe(40);
  });

  it('answers 404 for a product or variant that does not exist, or an address that is not an id', async () => {
    const token = csrfTokenIn((await owner.get('/admin/inventory')).html);
    expect((await owner.get('/admin/inventory/products/999999')).status).toBe(404);
    expect((await owner.get('/admin/inventory/products/abc')).status).toBe(404);
    expect((await owner.get('/admin/inventory/variants/999999')).status).toBe(404);
    expect((await owner.post('/admin/inventory/variants/999999/adjustments', { _csrf: token, delta: '1', reason: 'received' })).status).toBe(404);
    expect((await owner.post('/admin/inventory/variants/1e3/adjustments', { _csrf: token, delta: '1', reason: 'received' })).status).toBe(404);
  });

  it('shows a variant’s ledger newest first with the balance after each movement, across pages, naming who adjusted', async () => {
    const variantId = (await aProduct(shop, { name: 'Ledger Tote', stock: 5 })).variantIds[0];
    for (let n = 1; n <= 52; n += 1) await inventory.adjust({ variantId, delta: 1, reason: StockReason.Returned, note: `Return ${n}` }, ownerActor);
    await inventory.adjust({ variantId, delta: -7, reason: StockReason.Damaged, note: 'Torn' }, { ...ownerActor, userId: await staffId() });

    const first = await owner.get(`/admin/inventory/variants/${variantId}`);
    expect(first.status).toBe(200);
    expect(textOf(first.html)).toContain('50 on hand · 54 movements, newest first');
    const rows = rowsOf(first.html);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toMatch(/ -7 Damaged Sana Stockroom Torn 50$/);
    expect(rows[1]).toMatch(/ \+1 Returned Shop owner Return 52 57$/);
    expect(rows[49]).toMatch(/ \+1 Returned Shop owner Return 4 9$/);

    const second = await owner.get(`/admin/inventory/variants/${variantId}?page=2`);
    expect(rowsOf(second.html)).toEqual([
      expect.stringMatching(/ \+1 Returned Shop owner Return 3 8$/),
      expect.stringMatching(/ \+1 Returned Shop owner Return 2 7$/),
      expect.stringMatching(/ \+1 Returned Shop owner Return 1 6$/),
      expect.stringMatching(/ \+5 Initial stock The shop 5$/),
    ]);
  });

  it('lets staff adjust stock too, recorded under their name', async () => {
    const staff = new Shopper(shop.baseUrl);
    expect((await staff.submit('/login', '/login', STAFF)).status).toBe(303);
    const variantId = kurta.variantIds[2];

    const returned = await adjustOnStockPage(staff, variantId, { delta: '1', reason: 'returned', note: '' });

    expect(returned.status).toBe(303);
    const [row] = await shop.dataSource.getRepository(StockMovement).find({ where: { variantId }, order: { id: 'DESC' }, take: 1 });
    expect(row).toMatchObject({ delta: 1, reason: 'returned', note: null, userId: await staffId() });
    expect(rowsOf((await staff.get(`/admin/inventory/variants/${variantId}`)).html)[0]).toMatch(/ \+1 Returned Sana Stockroom 7$/);
  });

  /** Opens the variant's product stock page as `who` and submits the variant's adjustment form with these fields. */
  const adjustOnStockPage = async (who: Shopper, variantId: number, fields: Record<string, string>) =>
    who.submit(`/admin/inventory/products/${await productIdOf(variantId)}`, `/admin/inventory/variants/${variantId}/adjustments`, fields);
  const staffId = async () => (await shop.dataSource.getRepository(User).findOneByOrFail({ email: STAFF.email })).id;
  const productIdOf = async (variantId: number) =>
    Number((await shop.dataSource.query<{ productId: number }[]>(`SELECT productId FROM variant WHERE id = ${Number(variantId)}`))[0].productId);
});
