import { AuditTrail } from '../../src/audit/audit-trail.service.js';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { Transactions } from '../../src/database/transactions.js';
import { OrderStatus } from '../../src/orders/entities/order.entity.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember, invite } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';

describe('the audit log page (/admin/audit)', () => {
  let shop: TestShop;
  let owner: Shopper;
  let staff: Shopper;
  let number: string;

  /** The log's rows as the text a person reads, newest first. */
  function rowsOf(html: string): string[] {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    return (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => textOf(row).trim());
  }
  const log = (query = '') => owner.get(`/admin/audit${query ? `?${query}` : ''}`);

  beforeAll(async () => {
    // Behind the shop's proxy (the test itself), so each browser comes from an address of its own.
    shop = await startShop({ TRUST_PROXY: 'loopback', MAIL_WORKER: '0' });
    const browserAt = (ip: string) => new Shopper(shop.baseUrl, { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });
    owner = browserAt('203.0.113.50');
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: PASSWORD });
    staff = browserAt('198.51.100.23');
    expect((await staff.submit('/login', '/login', { email: 'rida@example.test', password: PASSWORD })).status).toBe(303);

    const buyer = browserAt('192.0.2.77');
    await addToCart(buyer, await aProduct(shop));
    number = (await checkout(buyer)).location?.split('/')[2] as string;
    expect((await staff.submit(`/admin/orders/${number}`, `/admin/orders/${number}/status`, { status: OrderStatus.Confirmed })).status).toBe(303);
    expect((await invite(owner, 'later@example.test')).status).toBe(303);

    // What the product editor records when the owner renames a product: the owner's own words, markup and all.
    const ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    await shop.get(Transactions).run((manager) =>
      shop.get(AuditTrail).record(
        manager,
        { userId: ownerId, email: OWNER.email, ip: '203.0.113.50' },
        {
          action: 'product.updated',
          subject: { type: 'product', id: '<img src=x onerror=alert(1)>' },
          before: { name: 'Kurta' },
          after: { name: '<script>alert("owned")</script>' },
        },
      ),
    );
    // The first entry (Rida's invitation) on 27 November in Lahore.
    const [first] = await shop.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' }, take: 1 });
    await shop.dataSource.getRepository(AuditEntry).update({ id: first.id }, { createdAt: new Date('2026-11-27T12:00:00.000Z') });
  });
  afterAll(() => shop.close());

  it('lists every admin write newest first: when, who, from which address, what, and each field before → after', async () => {
    const page = await log();
    expect(page.status).toBe(200);
    const rows = rowsOf(page.html);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('owner@anarkali.test');
    expect(rows[0]).toContain('product.updated');
    expect(rows[2]).toMatch(
      /\d{1,2} \w{3} \d{4}, \d{2}:\d{2} rida@example\.test 198\.51\.100\.23 order\.status_changed order AK-\w+ status: placed → confirmed/,
    );
    expect(rows[1]).toMatch(/owner@anarkali\.test 203\.0\.113\.50 staff\.invited staff_invitation \d+ email: \(none\) → later@example\.test/);
    expect(textOf(page.html)).toContain('5 changes');
  });

  it('shows what the owner typed as text, never as markup', async () => {
    const page = await log('action=product.updated');
    expect(page.html).not.toContain('<script>alert("owned")');
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(page.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(rowsOf(page.html)[0]).toContain('name: Kurta → <script>alert("owned")</script>');
  });

  it('offers the actions and kinds of record present in the log as choices', async () => {
    const page = await log();
    const options = (name: string) =>
      [...(new RegExp(`<select id="${name}"[\\s\\S]*?</select>`).exec(page.html)?.[0] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options('action')).toEqual(['', 'order.status_changed', 'product.updated', 'staff.invited', 'staff.joined']);
    expect(options('type')).toEqual(['', 'order', 'product', 'staff_invitation', 'user']);
  });

  it('filters by action, by who, by what and by day, and by all of them together', async () => {
    expect(rowsOf((await log('action=order.status_changed')).html)).toEqual([expect.stringContaining(number)]);
    expect(rowsOf((await log('who=RIDA')).html)).toEqual([expect.stringContaining('order.status_changed'), expect.stringContaining('staff.joined')]);
    expect(rowsOf((await log('who=owner')).html)).toHaveLength(3);
    expect(rowsOf((await log(`type=order&id=${number}`)).html)).toEqual([expect.stringContaining('placed → confirmed')]);
    expect(rowsOf((await log('type=order&id=AK-NOTHING')).html)).toEqual([]);
    expect(rowsOf((await log('to=2026-11-27')).html)).toEqual([expect.stringContaining('email: (none) → rida@example.test')]);
    expect(rowsOf((await log('from=2026-11-28')).html)).toHaveLength(4);
    const all = await log(`action=order.status_changed&who=rida&type=order&id=${number}&from=2026-11-28`);
    expect(all.status).toBe(200);
    expect(rowsOf(all.html)).toHaveLength(1);
    expect(all.html).toMatch(/<option value="order.status_changed" selected>/);
    expect(textOf(all.html)).toContain('1 change match these filters');
    expect(rowsOf((await log('action=order.status_changed&who=owner')).html)).toEqual([]);
  });

  it('keeps the filters in the pagination links', async () => {
    const ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    await shop.get(Transactions).run(async (manager) => {
      for (let n = 0; n < 50; n++) {
        await shop
          .get(AuditTrail)
          .record(manager, { userId: ownerId, email: OWNER.email, ip: '203.0.113.50' }, { action: 'setting.changed', subject: { type: 'setting', id: 'x' } });
      }
    });
    const first = await log('action=setting.changed&who=owner&from=2026-11-01');
    expect(rowsOf(first.html)).toHaveLength(50);
    expect(/href="([^"]+)" rel="next"/.exec(decodedLinks(first.html))).toBeNull();
    const unfiltered = await log('who=owner');
    expect(/href="([^"]+)" rel="next"/.exec(decodedLinks(unfiltered.html))?.[1]).toBe('/admin/audit?who=owner&page=2');
    expect(rowsOf((await log('who=owner&page=2')).html)).toHaveLength(3);
  });

  it.each([
    ['a day that does not exist', 'from=2026-02-30', 'from', 'Please enter a date such as 2026-11-27.'],
    ['a range that ends before it starts', 'from=2026-11-30&to=2026-11-28', 'to', 'Please choose an end date on or after the start date.'],
    ['an action the log does not hold', 'action=%3Cscript%3E', 'action', 'Please choose an action from the list.'],
    ['a kind of record the log does not hold', 'type=planet', 'type', 'Please choose a kind of record from the list.'],
    ['an id of more than 64 characters', `id=${'9'.repeat(65)}`, 'id', 'Please search with at most 64 characters.'],
  ])('answers %s with 422 and the message at its field', async (_, query, field, message) => {
    const page = await log(query);
    expect(page.status).toBe(422);
    expect(page.html).toContain(`id="${field}-error">${message}</p>`);
    expect(page.html).not.toContain('<script>');
  });

  it('is the owner’s alone: staff get 403 and no Audit link', async () => {
    expect((await staff.get('/admin/audit')).status).toBe(403);
    expect((await staff.get('/admin/audit?action=staff.invited')).status).toBe(403);
    expect((await staff.get('/admin/orders')).html).not.toContain('href="/admin/audit"');
    expect((await owner.get('/admin/orders')).html).toContain('<a href="/admin/audit">Audit</a>');
    expect((await log()).html).toContain('<a href="/admin/audit" aria-current="page">Audit</a>');
  });
});
