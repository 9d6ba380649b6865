import { aCart, aProduct, type ProductFixture } from '../../test/helpers/factories.js';
import { DELIVERY } from '../../test/helpers/journeys.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { OWNER } from '../../test/helpers/test-shop.js';
import type { Actor } from '../audit/actor.js';
import { AddressBookService } from '../auth/address-book.service.js';
import { AuthService } from '../auth/auth.service.js';
import { User } from '../auth/entities/user.entity.js';
import { phoneSearchDigits } from '../common/phone.js';
import { QueryFilters } from '../common/query-filters.js';
import { CustomerOrders } from './customer-orders.service.js';
import { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import type { OrderFilter } from './order-search.js';
import { OrdersModule } from './orders.module.js';
import { OrdersService } from './orders.service.js';

/**
 * The order list's filters, a customer's lifetime value and the phone searches, on the driver this run
 * uses (SQLite, or MySQL/MariaDB when DATABASE_URL points at one): the digits of a phone number are
 * compared in SQL, days begin at midnight in Pakistan, and MySQL answers sums as strings.
 */
describe('searching orders and customers on a real database', () => {
  let services: ServiceModule;
  let orders: OrdersService;
  let customerOrders: CustomerOrders;
  let owner: Actor;
  let product: ProductFixture;
  let sana: number;
  let zara: number;
  const placed: Record<string, Order> = {};

  /** An order of one unit at `priceMinor`, placed at `at` (an instant), by a guest or the account given. */
  async function anOrder(at: string, fields: Partial<typeof DELIVERY>, userId: number | null = null, quantity = 1): Promise<Order> {
    const order = await orders.placeOrder(
      await aCart(services, [[product, quantity]]),
      { ...DELIVERY, ...fields, paymentMethod: PaymentMethod.CashOnDelivery },
      userId,
    );
    await services.dataSource.getRepository(Order).update({ id: order.id }, { placedAt: new Date(at) });
    return order;
  }

  const numbersOf = async (filter: OrderFilter, page = 1) => (await orders.adminOrders(page, filter)).items.map((order) => order.number);
  const named = (...names: string[]) => names.map((name) => placed[name].number);
  /** The filter the order list's form makes of these parameters. */
  const days = (from?: string, to?: string) => new QueryFilters({ from, to }).dayRange('from', 'to', 'Asia/Karachi');

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    orders = services.get(OrdersService);
    customerOrders = services.get(CustomerOrders);
    const ownerId = (await services.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    owner = { userId: ownerId, email: OWNER.email, ip: '203.0.113.7' };
    product = await aProduct(services, { stock: 500, priceMinor: 100_000 });
    const auth = services.get(AuthService);
    sana = (await auth.register({ name: 'Sana Mir', email: 'sana@example.test', password: 'a-long-enough-password' })).id;
    zara = (await auth.register({ name: 'Zara Ali', email: 'zara@example.test', password: 'a-long-enough-password' })).id;

    // 23:59:59 on 27 November in Lahore, and one second later, the first instant of the 28th there.
    placed.lateOn27th = await anOrder('2026-11-27T18:59:59.000Z', { email: 'ayesha@example.test', phone: '0300 1234567' });
    placed.firstOn28th = await anOrder('2026-11-27T19:00:00.000Z', { email: 'bilal@example.test', phone: '+92 321 7654321' });
    placed.sanasConfirmed = await anOrder('2026-11-29T10:00:00.000Z', { email: 'sana@example.test', phone: '0300-1234567' }, sana);
    placed.sanasCancelled = await anOrder('2026-11-30T10:00:00.000Z', { email: 'sana@example.test', phone: '0333 5550000' }, sana, 4);
    placed.zaras = await anOrder('2026-12-01T10:00:00.000Z', { email: 'zara@example.test', phone: '0345 9990000' }, zara, 3);
    await orders.changeStatus(placed.sanasConfirmed.number, OrderStatus.Confirmed, owner);
    await orders.changeStatus(placed.sanasCancelled.number, OrderStatus.Cancelled, owner);
  });
  afterAll(() => services.close());

  describe('the order list', () => {
    it('lists every order newest first without a filter', async () => {
      expect(await numbersOf({})).toEqual(named('zaras', 'sanasCancelled', 'sanasConfirmed', 'firstOn28th', 'lateOn27th'));
    });

    it('filters by status and by payment method', async () => {
      expect(await numbersOf({ status: OrderStatus.Placed })).toEqual(named('zaras', 'firstOn28th', 'lateOn27th'));
      expect(await numbersOf({ status: OrderStatus.Cancelled })).toEqual(named('sanasCancelled'));
      expect(await numbersOf({ status: OrderStatus.Shipped })).toEqual([]);
      expect(await numbersOf({ paymentMethod: PaymentMethod.CashOnDelivery })).toHaveLength(5);
    });

    it('counts days from midnight in Pakistan: from and to include their whole day, and nothing of the next', async () => {
      expect(await numbersOf({ placed: days('2026-11-28') })).toEqual(named('zaras', 'sanasCancelled', 'sanasConfirmed', 'firstOn28th'));
      expect(await numbersOf({ placed: days(undefined, '2026-11-27') })).toEqual(named('lateOn27th'));
      expect(await numbersOf({ placed: days('2026-11-28', '2026-11-28') })).toEqual(named('firstOn28th'));
      expect(await numbersOf({ placed: days('2026-11-27', '2026-11-29') })).toEqual(named('sanasConfirmed', 'firstOn28th', 'lateOn27th'));
      expect(await numbersOf({ placed: days('2026-12-02') })).toEqual([]);
    });

    it('finds an order by part of its number, in any case', async () => {
      const number = placed.firstOn28th.number;
      expect(await numbersOf({ search: number })).toEqual([number]);
      expect(await numbersOf({ search: number.slice(3, 9).toLowerCase() })).toContain(number);
    });

    it('finds orders by part of the email, in any case', async () => {
      expect(await numbersOf({ search: 'SANA@' })).toEqual(named('sanasCancelled', 'sanasConfirmed'));
      expect(await numbersOf({ search: 'bilal' })).toEqual(named('firstOn28th'));
    });

    it('finds orders by phone however the number was written, when placed and when searched', async () => {
      const ayeshasNumber = named('sanasConfirmed', 'lateOn27th');
      for (const written of ['0300 1234567', '03001234567', '+92 300 1234567', '0300-123-4567', '1234567']) {
        expect({ written, found: await numbersOf({ search: written }) }).toEqual({ written, found: ayeshasNumber });
      }
      expect(await numbersOf({ search: '0321 7654321' })).toEqual(named('firstOn28th'));
    });

    it("takes the searcher's % and _ as themselves", async () => {
      expect(await numbersOf({ search: '%' })).toEqual([]);
      expect(await numbersOf({ search: '_' })).toEqual([]);
    });

    it('combines every filter: all of them must hold', async () => {
      expect(await numbersOf({ search: '0300 1234567', status: OrderStatus.Confirmed })).toEqual(named('sanasConfirmed'));
      expect(await numbersOf({ search: '0300 1234567', placed: days(undefined, '2026-11-28') })).toEqual(named('lateOn27th'));
      expect(await numbersOf({ search: 'sana', status: OrderStatus.Placed })).toEqual([]);
      expect(
        await numbersOf({
          search: 'example.test',
          status: OrderStatus.Placed,
          paymentMethod: PaymentMethod.CashOnDelivery,
          placed: days('2026-11-28', '2026-12-01'),
        }),
      ).toEqual(named('zaras', 'firstOn28th'));
    });

    it('counts what the filter matches, and a page past the last shows the last', async () => {
      const result = await orders.adminOrders(7, { status: OrderStatus.Placed });
      expect(result).toMatchObject({ page: 1, pages: 1, total: 3 });
    });
  });

  describe("a customer's orders", () => {
    it('has a lifetime value of the orders neither cancelled nor refunded, and counts every order', async () => {
      // Sana: 1 × 1,000.00 + 250.00 delivery confirmed; 4 × 1,000.00 (free delivery) cancelled.
      expect(await customerOrders.totals(sana)).toEqual({ orderCount: 2, lifetimeValueMinor: 125_000 });
      expect(await customerOrders.totals(zara)).toEqual({ orderCount: 1, lifetimeValueMinor: 325_000 });
      expect(await customerOrders.totals(owner.userId)).toEqual({ orderCount: 0, lifetimeValueMinor: 0 });
    });

    it('leaves a refunded order out of the lifetime value too', async () => {
      const refunded = await anOrder('2026-12-02T10:00:00.000Z', { email: 'zara@example.test', phone: '0345 9990000' }, zara, 2);
      for (const status of [OrderStatus.Confirmed, OrderStatus.Refunded]) await orders.changeStatus(refunded.number, status, owner);
      expect(await customerOrders.totals(zara)).toEqual({ orderCount: 2, lifetimeValueMinor: 325_000 });
    });

    it("pages through the customer's own orders newest first, 20 to a page", async () => {
      const customer = (await services.get(AuthService).register({ name: 'Many Orders', email: 'many@example.test', password: 'a-long-enough-password' })).id;
      const made: string[] = [];
      for (let n = 0; n < 21; n++)
        made.push(
          (await anOrder(`2026-10-${String(n + 1).padStart(2, '0')}T08:00:00.000Z`, { email: 'many@example.test', phone: '0311 0000001' }, customer)).number,
        );

      const first = await customerOrders.historyPage(customer, 1);
      expect(first).toMatchObject({ page: 1, pages: 2, total: 21 });
      expect(first.items.map((order) => order.number)).toEqual(made.slice(1).reverse());
      expect((await customerOrders.historyPage(customer, 2)).items.map((order) => order.number)).toEqual([made[0]]);
      expect((await customerOrders.historyPage(customer, 99)).page).toBe(2);
      expect((await customerOrders.historyPage(sana, 1)).items.map((order) => order.number)).toEqual(named('sanasCancelled', 'sanasConfirmed'));
    });

    it("finds the accounts that ordered with a phone number, never a guest's order", async () => {
      expect(await customerOrders.accountsWithPhone(phoneSearchDigits('0300 1234567') as string)).toEqual([sana]);
      expect(await customerOrders.accountsWithPhone(phoneSearchDigits('0321 7654321') as string)).toEqual([]);
      expect((await customerOrders.accountsWithPhone(phoneSearchDigits('+92 345 999 0000') as string)).sort()).toEqual([zara]);
    });
  });

  describe('the customer list searched by phone', () => {
    it("matches saved addresses' numbers as digits, and the accounts the orders named", async () => {
      const auth = services.get(AuthService);
      const hina = (await auth.register({ name: 'Hina Q', email: 'hina@example.test', password: 'a-long-enough-password' })).id;
      await services
        .get(AddressBookService)
        .add(hina, { fullName: 'Hina Q', phone: '+92 312-4448888', address: '1 Canal Bank', city: 'Lahore', postalCode: '54000' }, true);
      const names = async (search: string, alsoAccounts: number[] = []) =>
        (await auth.customerPage({ page: 1, search, phoneDigits: phoneSearchDigits(search), alsoAccounts })).items.map((customer) => customer.name);

      expect(await names('0312 4448888')).toEqual(['Hina Q']);
      expect(await names('03124448888')).toEqual(['Hina Q']);
      expect(await names('4448888')).toEqual(['Hina Q']);
      expect(await names('0300 1234567', [sana])).toEqual(['Sana Mir']);
      expect(await names('0399 0000000')).toEqual([]);
      expect(await names('hina')).toEqual(['Hina Q']);
    });
  });
});
