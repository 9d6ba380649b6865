import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/common/paths.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { movesByHand } from '../../src/orders/order-status.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describe('the orders screen: filters, the printable order and packing slips', () => {
  let shop: TestShop;
  let owner: Shopper;
  let kurta: ProductFixture;
  const placed: Record<string, string> = {};

  /** A guest's order of the kurta, placed at `at` (an instant), with these delivery details. */
  async function anOrder(at: string, fields: Partial<typeof DELIVERY>, quantity = 1): Promise<string> {
    const guest = new Shopper(shop.baseUrl);
    await addToCart(guest, kurta, { quantity, size: 'L', colour: 'Rose' });
    const number = (await checkout(guest, fields)).location?.split('/')[2] as string;
    await shop.dataSource.getRepository(Order).update({ number }, { placedAt: new Date(at) });
    return number;
  }

  /** The order numbers the list shows, top to bottom. */
  const listed = (html: string) => [...html.matchAll(/<a href="\/admin\/orders\/(AK-[A-Z0-9]+)">/g)].map((match) => match[1]);
  const list = (query: string) => owner.get(`/admin/orders?${query}`);
  const numbers = (...names: string[]) => names.map((name) => placed[name]);

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 200, priceMinor: 429_900, sizes: ['M', 'L'], colours: ['Indigo', 'Rose'] });
    // 23:30 on 27 November in Lahore; 00:30 on the 28th there (still the 27th in UTC); the 29th; the 30th.
    placed.ayesha = await anOrder('2026-11-27T18:30:00.000Z', { email: 'ayesha@example.test', phone: '0300 1234567', fullName: 'Ayesha Khan' });
    placed.bilal = await anOrder('2026-11-27T19:30:00.000Z', { email: 'bilal@example.test', phone: '+92 321 7654321', fullName: 'Bilal Ahmed' }, 2);
    placed.ayeshaAgain = await anOrder('2026-11-29T10:00:00.000Z', { email: 'ayesha@example.test', phone: '03001234567', fullName: 'Ayesha Khan' });
    placed.sana = await anOrder('2026-11-30T10:00:00.000Z', { email: 'sana@example.test', phone: '0333-5550000', fullName: 'Sana <b>Mir</b>' });
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    await owner.submit(`/admin/orders/${placed.ayeshaAgain}`, `/admin/orders/${placed.ayeshaAgain}/status`, {
      status: OrderStatus.Shipped,
      carrier: 'tcs',
      trackingNumber: '7781 2290 14',
    });
  });
  afterAll(() => shop.close());

  describe('the list', () => {
    it('shows every order newest first, with its payment and status, in the store time', async () => {
      const page = await list('');
      expect(page.status).toBe(200);
      expect(listed(page.html)).toEqual(numbers('sana', 'ayeshaAgain', 'bilal', 'ayesha'));
      const text = textOf(page.html);
      expect(text).toContain('4 orders');
      expect(text).toContain('Cash on delivery');
      // 19:30 UTC on the 27th is half past midnight on the 28th in Lahore.
      expect(text).toContain('28 Nov 2026, 00:30');
      expect(page.html).toContain('Sana &lt;b&gt;Mir&lt;/b&gt;');
    });

    it('filters by status', async () => {
      expect(listed((await list('status=shipped')).html)).toEqual(numbers('ayeshaAgain'));
      expect(listed((await list('status=placed')).html)).toEqual(numbers('sana', 'bilal', 'ayesha'));
      expect(textOf((await list('status=refunded')).html)).toContain('No order matches these filters.');
    });

    it('filters by payment method', async () => {
      expect(listed((await list('payment=cod')).html)).toHaveLength(4);
    });

    it('filters by days in Pakistan time, both ends included', async () => {
      expect(listed((await list('from=2026-11-28')).html)).toEqual(numbers('sana', 'ayeshaAgain', 'bilal'));
      expect(listed((await list('to=2026-11-27')).html)).toEqual(numbers('ayesha'));
      expect(listed((await list('from=2026-11-28&to=2026-11-29')).html)).toEqual(numbers('ayeshaAgain', 'bilal'));
    });

    it('searches by order number, email or phone, however the phone is written', async () => {
      expect(listed((await list(`q=${placed.bilal.toLowerCase()}`)).html)).toEqual(numbers('bilal'));
      expect(listed((await list('q=AYESHA%40')).html)).toEqual(numbers('ayeshaAgain', 'ayesha'));
      for (const phone of ['0300 1234567', '03001234567', '+92 300 123 4567', '0300-1234567']) {
        expect({ phone, found: listed((await list(`q=${encodeURIComponent(phone)}`)).html) }).toEqual({ phone, found: numbers('ayeshaAgain', 'ayesha') });
      }
      expect(listed((await list(`q=${encodeURIComponent('0321 7654321')}`)).html)).toEqual(numbers('bilal'));
      expect(listed((await list('q=%25')).html)).toEqual([]);
    });

    it('combines the filters, and shows them chosen in the form', async () => {
      const page = await list(`q=${encodeURIComponent('0300 1234567')}&status=placed&payment=cod&from=2026-11-27&to=2026-11-28`);
      expect(page.status).toBe(200);
      expect(listed(page.html)).toEqual(numbers('ayesha'));
      expect(page.html).toContain('value="0300 1234567"');
      expect(page.html).toMatch(/<option value="placed" selected>/);
      expect(page.html).toMatch(/<option value="cod" selected>/);
      expect(page.html).toContain('value="2026-11-27"');
      expect(textOf(page.html)).toContain('1 order match these filters');
      expect(page.html).toContain('<a href="/admin/orders">Clear filters</a>');
      expect(listed((await list('q=sana&status=shipped')).html)).toEqual([]);
    });

    it('keeps every filter in the pagination links', async () => {
      for (let n = 0; n < 26; n++) await anOrder(`2026-12-0${1 + (n % 3)}T08:00:00.000Z`, { email: 'bulk@example.test', phone: '0311 5550000' });
      const query = 'q=bulk&status=placed&payment=cod&from=2026-12-01&to=2026-12-03';
      const first = await list(query);
      expect(listed(first.html)).toHaveLength(25);
      expect(textOf(first.html)).toContain('Page 1 of 2');
      const next = /href="([^"]+)" rel="next"/.exec(decodedLinks(first.html))?.[1];
      expect(next).toBe(`/admin/orders?${query}&page=2`);
      const second = await owner.get(next as string);
      expect(listed(second.html)).toHaveLength(1);
      expect(/href="([^"]+)" rel="prev"/.exec(decodedLinks(second.html))?.[1]).toBe(`/admin/orders?${query}`);
    });

    it.each([
      ['a day that does not exist', 'from=2026-02-30', 'from', 'Please enter a date such as 2026-11-27.'],
      ['a date in another shape', 'to=27%2F11%2F2026', 'to', 'Please enter a date such as 2026-11-27.'],
      ['a range that ends before it starts', 'from=2026-11-30&to=2026-11-28', 'to', 'Please choose an end date on or after the start date.'],
      ['an unknown status', 'status=lost', 'status', 'Please choose a status from the list.'],
      ['an unknown payment method', 'payment=card', 'payment', 'Please choose a payment method from the list.'],
      ['a search of more than 100 characters', `q=${'x'.repeat(101)}`, 'q', 'Please search with at most 100 characters.'],
      ['a filter given twice', 'status=placed&status=shipped', 'status', 'Please give this filter once.'],
    ])('answers %s with 422, the message at its field and the list of the other filters', async (_, query, field, message) => {
      const page = await list(field === 'q' ? query : `${query}&q=ayesha`);
      expect(page.status).toBe(422);
      expect(page.html).toContain(`id="${field}-error">${message.replace(/'/g, '&#x27;')}</p>`);
      expect(page.html).toContain(`aria-describedby="${field}-error"`);
      if (field !== 'q') expect(listed(page.html)).toEqual(expect.arrayContaining(numbers('ayesha', 'ayeshaAgain')));
    });

    it('keeps the bad value in the form, escaped', async () => {
      const page = await list(`from=${encodeURIComponent('"><script>alert(1)</script>')}`);
      expect(page.status).toBe(422);
      expect(page.html).not.toContain('<script>alert(1)');
      expect(page.html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    });
  });

  describe('printing', () => {
    const printCss = readFileSync(path.join(projectRoot, 'public/css/print.css'), 'utf8');

    it('links a print stylesheet that leaves the navigation and buttons off the paper', async () => {
      const page = await owner.get(`/admin/orders/${placed.bilal}`);
      const link = /<link rel="stylesheet" href="(\/css\/print[^"]*\.css)" media="print">/.exec(page.html)?.[1];
      expect(link).toBeDefined();
      const served = await fetch(`${shop.baseUrl}${link}`);
      expect(served.status).toBe(200);
      expect(await served.text()).toBe(printCss);
      const printRules = /@media print \{([\s\S]*)\}\s*$/.exec(printCss)?.[1] ?? '';
      const hidden = /([^{}]+)\{\s*display: none !important;/.exec(printRules)?.[1] ?? '';
      for (const selector of ['.admin-header', 'button', 'form', '.no-print']) expect(hidden.split(',').map((s) => s.trim())).toContain(selector);
    });

    it("shows the order's lines, totals, address, next moves and history, with links to print it", async () => {
      const page = await owner.get(`/admin/orders/${placed.bilal}`);
      const text = textOf(page.html);
      for (const shown of [
        'Basant Block-Print Kurta',
        'L / Rose',
        'Rs 8,598',
        'Bilal Ahmed',
        '+92 321 7654321',
        '12 Mall Road',
        'Ship and email the customer',
        'Placed',
      ]) {
        expect(text).toContain(shown);
      }
      expect(page.html).toContain(`<a href="/admin/orders/${placed.bilal}/packing-slip"`);
      expect(page.html).toMatch(/<script src="\/js\/print[^"]*\.js" defer><\/script>/);
      expect(page.html).toContain('data-print hidden>Print this order</button>');
    });

    it('prints a packing slip with items, quantities, SKUs, variants and where to ship, and no price', async () => {
      const page = await owner.get(`/admin/orders/${placed.bilal}/packing-slip`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      for (const shown of [
        `Packing slip · ${placed.bilal}`,
        'Basant Block-Print Kurta',
        'L / Rose',
        `${kurta.slug}-L-Rose`.toUpperCase(),
        'Bilal Ahmed',
        '12 Mall Road',
        'Lahore 54000',
        '+92 321 7654321',
        'Units 2',
      ]) {
        expect(text).toContain(shown);
      }
      expect(text).not.toMatch(/Rs|8,598|4,299|Total|Subtotal|Price/);
      expect(page.html).toMatch(/<link rel="stylesheet" href="\/css\/print[^"]*\.css" media="print">/);
    });

    it('prints the packing slips of several ticked orders together, one sheet each, in the order ticked', async () => {
      const list = await owner.get('/admin/orders?q=sana');
      expect(list.html).toContain('<form method="get" action="/admin/orders/packing-slips" id="packing-slips"');
      expect(list.html).toContain(`name="number" value="${placed.sana}" form="packing-slips"`);

      const page = await owner.get(`/admin/orders/packing-slips?number=${placed.sana}&number=${placed.ayesha}&number=${placed.sana}`);
      expect(page.status).toBe(200);
      const slips = [...page.html.matchAll(/<article class="packing-slip"[^>]*>[\s\S]*?<\/article>/g)].map((match) => textOf(match[0]));
      expect(slips).toHaveLength(2);
      expect(slips[0]).toContain(`Packing slip · ${placed.sana}`);
      expect(slips[0]).toContain('Sana <b>Mir</b>');
      expect(slips[1]).toContain(`Packing slip · ${placed.ayesha}`);
      expect(slips[1]).not.toContain('Sana');
      expect(page.html).not.toContain('<b>Mir</b>');
      expect(printCss).toMatch(/\.packing-slip \{[^}]*page-break-after: always;/);
    });

    it('sends back to the list when no order is ticked, and refuses more than 50 or an unknown order', async () => {
      const none = await owner.get('/admin/orders/packing-slips');
      expect(none).toMatchObject({ status: 303, location: '/admin/orders' });
      expect(textOf((await owner.follow(none)).html)).toContain('Tick the orders whose packing slips you want to print.');
      const many = Array.from({ length: 51 }, (_, n) => `number=AK-${n}`).join('&');
      expect((await owner.get(`/admin/orders/packing-slips?${many}`)).status).toBe(422);
      expect((await owner.get(`/admin/orders/packing-slips?number=${placed.sana}&number=AK-NOSUCH1`)).status).toBe(404);
      expect((await owner.get('/admin/orders/AK-NOSUCH1/packing-slip')).status).toBe(404);
      expect((await owner.get('/admin/orders/AK-NOSUCH1')).status).toBe(404);
    });
  });

  it('lets staff filter orders and print packing slips too', async () => {
    const staff = await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: 'a-long-enough-password' });
    expect(listed((await staff.get('/admin/orders?status=shipped')).html)).toEqual(numbers('ayeshaAgain'));
    expect((await staff.get(`/admin/orders/${placed.ayesha}/packing-slip`)).status).toBe(200);
  });

  it("offers the state machine's next moves as buttons, and nothing else that changes the order", async () => {
    const detail = await owner.get(`/admin/orders/${placed.sana}`);
    const moves = [...detail.html.matchAll(/<input type="hidden" name="status" value="(\w+)">/g)].map((match) => match[1]);
    expect(moves.sort()).toEqual([...movesByHand(OrderStatus.Placed)].sort());
    const actions = [...detail.html.matchAll(/<form method="post" action="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(actions)).toEqual(new Set([`/admin/orders/${placed.sana}/status`, '/logout']));
  });
});
