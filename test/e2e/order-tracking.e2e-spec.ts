import { systemActor } from '../../src/audit/actor.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { linkIn, newestMail, startShopWithMail } from '../helpers/mail-shop.js';
import { csrfTokenIn, decodedLinks, type PageResponse, Shopper, textOf } from '../helpers/shopper.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import { OWNER, type TestShop } from '../helpers/test-shop.js';

const NOT_FOUND = 'We could not find an order with that number and email or phone.';
const TCS = { carrier: 'tcs', trackingNumber: '7781 2290 14' };

/** A client at its own address behind the shop's proxy, so the address limits count it alone. */
const clientAt = (shop: TestShop, ip: string) => new Shopper(shop.baseUrl, { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });

describe('guest tracking, the customer’s order pages and cancellation, over HTTP', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  let owner: Shopper;
  let kurta: ProductFixture;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 100 });
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => close());

  const ownerActor = async () => Promise.resolve(systemActor('Owner (test)'));
  const orderOf = (number: string) => shop.dataSource.getRepository(Order).findOneByOrFail({ number });

  async function aGuestOrder(email: string, buyer = new Shopper(shop.baseUrl)): Promise<string> {
    await addToCart(buyer, kurta, { quantity: 2 });
    const placed = await checkout(buyer, { email, phone: '0300 1234567' });
    expect(placed.status).toBe(303);
    return placed.location?.split('/')[2] as string;
  }

  const track = (client: Shopper, number: string, contact: string) => client.submit('/orders/track', '/orders/track', { number, contact });

  describe('the tracking page', () => {
    it('opens the timeline with the order number and email, or the phone however it is written', async () => {
      const number = await aGuestOrder('hina@example.test');
      for (const contact of ['hina@example.test', 'HINA@Example.test', '+92 300 1234567', '03001234567']) {
        const guest = clientAt(shop, '198.51.100.10');
        const found = await track(guest, number.toLowerCase(), contact);
        expect(found.status).toBe(303);
        expect(found.location).toMatch(new RegExp(`^/orders/track/${number}\\?t=[A-Za-z0-9_-]{43}$`));
        const page = await guest.follow(found);
        expect(page.status).toBe(200);
        expect(textOf(page.html)).toContain(`Order ${number}`);
        expect(textOf(page.html)).toContain('Status: Placed');
        expect(textOf(page.html)).toContain('Basant Block-Print Kurta');
      }
    });

    it('gives one answer for a wrong email, a wrong phone and a number that does not exist', async () => {
      const number = await aGuestOrder('iqra@example.test');
      const answers: PageResponse[] = [];
      for (const [n, contact] of [
        [number, 'someone@example.test'],
        [number, '0321 0000000'],
        ['AK-ZZZZZZZZ', 'iqra@example.test'],
      ])
        answers.push(await track(clientAt(shop, '198.51.100.11'), n, contact));
      for (const answer of answers) {
        expect(answer.status).toBe(422);
        expect(textOf(answer.html)).toContain(NOT_FOUND);
      }
    });

    it('slows down guessing at one order like sign-in: five wrong pairs, then 429 with Retry-After; the right pair after waiting', async () => {
      const number = await aGuestOrder('jamila@example.test');
      for (let i = 0; i < 5; i++) expect((await track(clientAt(shop, `198.51.100.${20 + i}`), number, `guess${i}@example.test`)).status).toBe(422);

      const limited = await track(clientAt(shop, '198.51.100.30'), number, 'jamila@example.test');

      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(textOf(limited.html)).toContain('Too many attempts. Please wait');
      // Another order is not held by this one's guesses.
      const other = await aGuestOrder('kiran@example.test');
      expect((await track(clientAt(shop, '198.51.100.30'), other, 'kiran@example.test')).status).toBe(303);
    });

    it('answers a missing, changed or other order’s token with 404', async () => {
      const number = await aGuestOrder('laila@example.test');
      const other = await aGuestOrder('maha@example.test');
      const guest = new Shopper(shop.baseUrl);
      const link = (await track(guest, other, 'maha@example.test')).location as string;
      const token = new URL(link, shop.baseUrl).searchParams.get('t') as string;

      expect((await guest.get(`/orders/track/${number}`)).status).toBe(404);
      expect((await guest.get(`/orders/track/${number}?t=${token}`)).status).toBe(404);
      expect((await guest.get(`/orders/track/${number}?t=${token.slice(0, -1)}A`)).status).toBe(404);
    });

    it('is opened from the confirmation email without typing anything', async () => {
      const number = await aGuestOrder('nadia@example.test');
      const mail = await newestMail({ shop, smtp }, 'nadia@example.test', `Your Anarkali order ${number}`);
      const page = await new Shopper(shop.baseUrl).get(linkIn(mail, shop, `/orders/track/${number}?t=`));
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain(`Order ${number}`);
    });

    it('leads a guest on to the receipt, and once delivered and paid to the invoice and a return, with the same signed link', async () => {
      const number = await aGuestOrder('sadia@example.test');
      const guest = new Shopper(shop.baseUrl);
      const found = await track(guest, number, 'sadia@example.test');
      const linkTo = (html: string, page: string) => new RegExp(`href="(/orders/${number}/${page}\\?token=[A-Za-z0-9_-]+)"`).exec(decodedLinks(html))?.[1];
      const tracked = await guest.follow(found);
      expect(linkTo(tracked.html, 'return')).toBeUndefined();
      // Another browser with the link alone: the guest's own session is not what lets it in.
      expect((await new Shopper(shop.baseUrl).get(linkTo(tracked.html, 'receipt') as string)).status).toBe(200);

      const orders = shop.get(OrdersService);
      await orders.changeStatus(number, OrderStatus.Shipped, await ownerActor(), { shipment: TCS });
      await orders.changeStatus(number, OrderStatus.Delivered, await ownerActor(), { cashCollected: true });
      const delivered = await guest.follow(found);
      for (const page of ['invoice', 'return']) {
        const path = linkTo(delivered.html, page);
        expect(path).toBeDefined();
        expect((await new Shopper(shop.baseUrl).get(path as string)).status).toBe(200);
      }
    });

    it('shows the courier, tracking number and the courier’s link once shipped, and the timeline', async () => {
      const number = await aGuestOrder('omera@example.test');
      await shop.get(OrdersService).changeStatus(number, OrderStatus.Shipped, await ownerActor(), { shipment: TCS });
      const guest = new Shopper(shop.baseUrl);
      const page = await guest.follow(await track(guest, number, 'omera@example.test'));
      const text = textOf(page.html);
      expect(text).toContain('Status: Shipped');
      expect(text).toContain('Shipped with TCS, tracking number 7781 2290 14');
      expect(page.html).toContain('href="https://www.tcsexpress.com/track/7781229014"');
      expect([...page.html.matchAll(/class="timeline__step/g)]).toHaveLength(2);
      expect(text).not.toContain('Cancel this order');
    });
  });

  describe('cancelling from the tracking page', () => {
    async function trackedPage(number: string, email: string): Promise<{ guest: Shopper; page: PageResponse; link: string }> {
      const guest = new Shopper(shop.baseUrl);
      const link = (await track(guest, number, email)).location as string;
      return { guest, page: await guest.get(link), link };
    }

    it('asks to confirm, then cancels with the CSRF token: units back, the customer and the owner emailed once', async () => {
      const number = await aGuestOrder('parveen@example.test');
      const { guest, page } = await trackedPage(number, 'parveen@example.test');
      const cancelLink = /href="([^"]*\/cancel\?t=[^"]+)"/.exec(decodedLinks(page.html))?.[1] as string;
      const confirm = await guest.get(cancelLink);
      expect(textOf(confirm.html)).toContain(`Cancel order ${number}?`);
      expect((await orderOf(number)).status).toBe(OrderStatus.Placed);
      const token = new URL(cancelLink, shop.baseUrl).searchParams.get('t') as string;

      // Without the form's CSRF token nothing happens.
      expect((await guest.post(`/orders/track/${number}/cancel`, { t: token })).status).toBe(403);
      expect((await orderOf(number)).status).toBe(OrderStatus.Placed);

      const cancelled = await guest.post(`/orders/track/${number}/cancel`, { _csrf: csrfTokenIn(confirm.html), t: token });
      expect(cancelled.status).toBe(303);
      const after = await guest.follow(cancelled);
      expect(textOf(after.html)).toContain(`Your order ${number} is cancelled.`);
      expect(textOf(after.html)).toContain('Status: Cancelled');
      expect((await orderOf(number)).status).toBe(OrderStatus.Cancelled);
      expect(await shop.dataSource.getRepository(StockMovement).countBy({ reference: number, reason: 'order cancelled' })).toBe(1);

      await shop.get(OutboxWorker).deliverDue();
      expect(smtp.received.filter((m) => m.raw.includes(`Subject: Your Anarkali order ${number} has been cancelled`))).toHaveLength(1);
      const notice = await newestMail({ shop, smtp }, OWNER.email, `Order ${number} was cancelled by the customer`);
      expect(notice).toContain('parveen@example.test');
    });

    it('refuses a cancellation that a submit repeated, or the owner’s shipping beat, with one message', async () => {
      const number = await aGuestOrder('qurat@example.test');
      const { guest, link } = await trackedPage(number, 'qurat@example.test');
      const token = new URL(link, shop.baseUrl).searchParams.get('t') as string;
      const confirm = await guest.get(`/orders/track/${number}/cancel?t=${token}`);
      await shop.get(OrdersService).changeStatus(number, OrderStatus.Shipped, await ownerActor(), { shipment: TCS });

      const late = await guest.post(`/orders/track/${number}/cancel`, { _csrf: csrfTokenIn(confirm.html), t: token });

      expect(late.status).toBe(303);
      expect(textOf((await guest.follow(late)).html)).toContain('This order can no longer be cancelled');
      expect((await orderOf(number)).status).toBe(OrderStatus.Shipped);
      expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ kind: 'order_cancelled_by_customer', recipient: OWNER.email.toLowerCase() })).toBe(
        1, // the notice of the previous test's order only
      );
    });
  });

  describe('a signed-in customer', () => {
    it('pages through every order (not the last 100 only), sees the same timeline, and cancels their own order only', async () => {
      const customer = new Shopper(shop.baseUrl);
      await registerAndSignIn(customer, { name: 'Rabia Aslam', email: 'rabia@example.test', password: 'a-long-enough-password' });
      const mine = [];
      for (let i = 0; i < 26; i++) mine.push(await aGuestOrder('rabia@example.test', customer));
      const someoneElses = await aGuestOrder('sara@example.test');

      const first = await customer.get('/account/orders');
      const second = await customer.get('/account/orders?page=2');
      const listed = (page: PageResponse) => [...page.html.matchAll(/href="\/account\/orders\/(AK-[A-Z0-9]+)"/g)].map((m) => m[1]);
      expect(listed(first)).toHaveLength(25);
      expect([...listed(first), ...listed(second)].sort()).toEqual([...mine].sort());
      expect(decodedLinks(first.html)).toContain('href="/account/orders?page=2"');

      const page = await customer.get(`/account/orders/${mine[0]}`);
      expect(textOf(page.html)).toContain('Status: Placed');
      expect(page.html).toContain('class="timeline__step');

      expect((await customer.get(`/account/orders/${someoneElses}/cancel`)).status).toBe(404);
      const confirm = await customer.get(`/account/orders/${mine[0]}/cancel`);
      expect((await customer.post(`/account/orders/${someoneElses}/cancel`, { _csrf: csrfTokenIn(confirm.html) })).status).toBe(404);
      expect((await orderOf(someoneElses)).status).toBe(OrderStatus.Placed);

      const cancelled = await customer.post(`/account/orders/${mine[0]}/cancel`, { _csrf: csrfTokenIn(confirm.html) });
      expect(cancelled).toMatchObject({ status: 303, location: `/account/orders/${mine[0]}` });
      expect(textOf((await customer.follow(cancelled)).html)).toContain('Status: Cancelled');
    });
  });

  describe('the owner', () => {
    it('ships from the order page with a courier and tracking number, named at the field when missing', async () => {
      const number = await aGuestOrder('tahira@example.test');
      const missing = await owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/status`, {
        status: 'shipped',
        carrier: 'tcs',
        trackingNumber: '',
      });
      expect(missing.status).toBe(422);
      expect(textOf(missing.html)).toContain('Enter the tracking number.');
      expect((await orderOf(number)).status).toBe(OrderStatus.Placed);

      const shipped = await owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/status`, { status: 'shipped', ...TCS });
      expect(shipped.status).toBe(303);
      const page = textOf((await owner.follow(shipped)).html);
      expect(page).toContain('Shipped with TCS, tracking number 7781 2290 14');
      expect(page).toContain('Delivered and paid (cash collected)');
    });

    it('ships once when the ship form is submitted twice at the same moment: one move, one history row, one email', async () => {
      const number = await aGuestOrder('uroosa@example.test');
      const page = await owner.get(`/admin/orders/${number}`);
      const fields = { _csrf: csrfTokenIn(page.html), status: 'shipped', ...TCS };

      const answers = await Promise.all([1, 2].map(() => owner.post(`/admin/orders/${number}/status`, fields)));

      expect(answers.map((answer) => answer.status)).toEqual([303, 303]);
      // (Both answers write their message to the one session at once, so which message the next page shows is the session's race.)
      const order = await orderOf(number);
      expect(order.status).toBe(OrderStatus.Shipped);
      expect(await shop.dataSource.getRepository(OrderStatusChange).countBy({ orderId: order.id, toStatus: OrderStatus.Shipped })).toBe(1);
      expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ kind: 'order_shipped', recipient: 'uroosa@example.test' })).toBe(1);
    });

    it('confirms and ships several orders from the list, each with its own result', async () => {
      const numbers = [await aGuestOrder('uzma@example.test'), await aGuestOrder('vaneeza@example.test'), await aGuestOrder('wajiha@example.test')];
      await shop.get(OrdersService).changeStatus(numbers[2], OrderStatus.Cancelled, await ownerActor());

      const confirmPage = await owner.get(`/admin/orders/bulk/confirm?${numbers.map((n) => `number=${n}`).join('&')}`);
      expect(confirmPage.status).toBe(200);
      const confirmed = await owner.postForm('/admin/orders/bulk/confirm', [
        ['_csrf', csrfTokenIn(confirmPage.html)],
        ...numbers.map((n): [string, string] => ['number', n]),
      ]);
      expect(confirmed.status).toBe(200);
      expect(textOf(confirmed.html)).toContain('2 of 3 orders done.');
      expect(textOf(confirmed.html)).toContain('An order that is Cancelled cannot be marked Confirmed.');

      const shipPage = await owner.get(`/admin/orders/bulk/ship?number=${numbers[0]}&number=${numbers[1]}`);
      const shipped = await owner.postForm('/admin/orders/bulk/ship', [
        ['_csrf', csrfTokenIn(shipPage.html)],
        ['number', numbers[0]],
        ['carrier', 'leopards'],
        ['trackingNumber', 'LE-1001'],
        ['number', numbers[1]],
        ['carrier', 'postex'],
        ['trackingNumber', ''],
      ]);
      expect(shipped.status).toBe(200);
      expect(textOf(shipped.html)).toContain('1 of 2 orders done.');
      expect(textOf(shipped.html)).toContain('Left as it was: no tracking number given.');
      expect(await orderOf(numbers[0])).toMatchObject({ status: OrderStatus.Shipped, carrier: 'leopards', trackingNumber: 'LE-1001' });
      expect((await orderOf(numbers[1])).status).toBe(OrderStatus.Confirmed);
    });
  });
});

describe('order status emails with SMTP down for a while', () => {
  it('keeps the shipped, delivered and cancelled emails while SMTP is down, then sends each exactly once, the shipped one with its tracking link', async () => {
    const { shop, smtp, close } = await startShopWithMail({ smtpRunning: false });
    try {
      const kurta = await aProduct(shop, { stock: 10 });
      const place = async (email: string) => {
        const buyer = new Shopper(shop.baseUrl);
        await addToCart(buyer, kurta);
        return (await checkout(buyer, { ...DELIVERY, email })).location?.split('/')[2] as string;
      };
      const actor = systemActor('Owner (test)');
      const orders = shop.get(OrdersService);
      const sent = await place('xenia@example.test');
      const cancelled = await place('yasmin@example.test');
      await orders.changeStatus(sent, OrderStatus.Shipped, actor, { shipment: { carrier: 'mnp', trackingNumber: 'MP 55 66' } });
      // A double submit of the same move: refused, and no second email.
      await expect(orders.changeStatus(sent, OrderStatus.Shipped, actor, { shipment: { carrier: 'mnp', trackingNumber: 'MP 55 66' } })).rejects.toThrow();
      await orders.changeStatus(sent, OrderStatus.Delivered, actor);
      await orders.changeStatus(cancelled, OrderStatus.Cancelled, actor, 'Out of this size');

      const worker = shop.get(OutboxWorker);
      expect(await worker.deliverDue()).toBe(0);
      await smtp.start();
      const inAnHour = new Date(Date.now() + 60 * 60_000);
      const [a, b] = await Promise.all([worker.deliverDue(inAnHour), worker.deliverDue(inAnHour)]);
      expect([a, b]).toEqual([5, 5]);
      expect(await worker.deliverDue(inAnHour)).toBe(0);

      const subjects = smtp.received.map((m) => /Subject: (.*)/.exec(m.raw)?.[1]).sort();
      expect(subjects).toEqual(
        [
          `Your Anarkali order ${sent}`,
          `Your Anarkali order ${cancelled}`,
          `Your Anarkali order ${sent} is on its way`,
          `Your Anarkali order ${sent} has been delivered`,
          `Your Anarkali order ${cancelled} has been cancelled`,
        ].sort(),
      );
      const shippedMail = await newestMail({ shop, smtp }, 'xenia@example.test', `Your Anarkali order ${sent} is on its way`);
      expect(shippedMail).toContain('MP 55 66');
      expect(shippedMail).toContain('https://www.mulphilog.com/tracking?cn=MP5566');
      expect(await newestMail({ shop, smtp }, 'yasmin@example.test', `Your Anarkali order ${cancelled} has been cancelled`)).toContain('Out of this size');
    } finally {
      await close();
    }
  });
});
