import { serviceModuleWith, type ServiceModule } from '../../test/helpers/service-module.js';
import { OrderLine } from '../orders/entities/order-line.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../orders/entities/order.entity.js';
import { AdminModule } from './admin.module.js';
import { DashboardService } from './dashboard.service.js';

/**
 * The dashboard's numbers from its real grouped queries on the driver this run uses: which orders count
 * as revenue, days cut at midnight in the store's time zone, and each period against the one before.
 */
describe('DashboardService on a real database', () => {
  let sequence = 0;

  /** An order placed at `placedAt` for `totalMinor`, now in `status`, with its lines as [product, units, line total]. */
  async function anOrderAt(services: ServiceModule, placedAt: string, totalMinor: number, status: OrderStatus, lines: [string, number, number][] = []) {
    sequence += 1;
    const inserted = await services.dataSource.getRepository(Order).insert({
      number: `AK-DASH${String(sequence).padStart(4, '0')}`,
      userId: null,
      email: 'buyer@example.test',
      fullName: 'Buyer',
      phone: '0300 0000000',
      address: '1 Mall Road',
      city: 'Lahore',
      postalCode: '54000',
      status,
      paymentMethod: PaymentMethod.CashOnDelivery,
      shippingMethod: 'Standard',
      currency: 'PKR',
      subtotalMinor: totalMinor,
      shippingMinor: 0,
      totalMinor,
      placedAt: new Date(placedAt),
    });
    const orderId = Number(inserted.identifiers[0].id);
    for (const [productName, quantity, lineTotalMinor] of lines) {
      await services.dataSource.getRepository(OrderLine).insert({
        orderId,
        variantId: 1,
        sku: 'SKU',
        productName,
        variantLabel: 'M',
        unitPriceMinor: lineTotalMinor / quantity,
        quantity,
        lineTotalMinor,
      });
    }
  }

  describe('in Asia/Karachi (UTC+5 all year)', () => {
    let services: ServiceModule;
    let dashboard: Awaited<ReturnType<DashboardService['dashboard']>>;
    // 15:00 on 27 November in Karachi.
    const now = new Date('2026-11-27T10:00:00Z');

    beforeAll(async () => {
      services = await serviceModuleWith({}, AdminModule);
      await anOrderAt(services, '2026-11-26T19:30:00Z', 100_000, OrderStatus.Placed, [['Lawn Kurta', 1, 100_000]]); // 00:30 on the 27th there
      await anOrderAt(services, '2026-11-27T09:00:00Z', 300_000, OrderStatus.Delivered, [['Silk Dupatta', 3, 300_000]]);
      await anOrderAt(services, '2026-11-27T09:30:00Z', 999_000, OrderStatus.Cancelled, [['Lawn Kurta', 9, 999_000]]);
      await anOrderAt(services, '2026-11-27T09:45:00Z', 888_000, OrderStatus.Refunded, [['Silk Dupatta', 8, 888_000]]);
      await anOrderAt(services, '2026-11-26T18:59:00Z', 200_000, OrderStatus.Shipped); // 23:59 on the 26th there
      await anOrderAt(services, '2026-11-22T12:00:00Z', 400_000, OrderStatus.Confirmed, [['Lawn Kurta', 2, 400_000]]); // paid, not sent yet
      await anOrderAt(services, '2026-11-18T12:00:00Z', 500_000, OrderStatus.Confirmed);
      await anOrderAt(services, '2026-10-20T12:00:00Z', 600_000, OrderStatus.Placed, [['Old Sherwani', 1, 600_000]]);
      await anOrderAt(services, '2026-09-01T12:00:00Z', 700_000, OrderStatus.Delivered);
      dashboard = await services.get(DashboardService).dashboard(now);
    });
    afterAll(() => services.close());

    const period = (name: string) => dashboard.periods.find((p) => p.name === name);

    it('counts today from midnight in Karachi: an order at 19:30 UTC the day before is today’s, one at 18:59 UTC is yesterday’s', () => {
      expect(dashboard.today).toBe('2026-11-27');
      expect(dashboard.chart.bars.slice(-2).map(({ day, orders, revenueMinor }) => ({ day, orders, revenueMinor }))).toEqual([
        { day: '2026-11-26', orders: 1, revenueMinor: 200_000 },
        { day: '2026-11-27', orders: 2, revenueMinor: 400_000 },
      ]);
    });

    it('counts placed, confirmed, shipped and delivered orders as revenue, paid or not, never cancelled or refunded ones', () => {
      expect(period('Today')?.current).toEqual({ revenueMinor: 400_000, orders: 2, averageMinor: 200_000 });
      expect(dashboard.revenueStatuses).toEqual(['placed', 'confirmed', 'shipped', 'delivered']);
    });

    it('compares today with yesterday, 7 days with the 7 before, 30 days with the 30 before, as percentages', () => {
      expect(period('Today')).toMatchObject({
        previous: { revenueMinor: 200_000, orders: 1, averageMinor: 200_000 },
        change: { revenue: '+100%', orders: '+100%', average: '0%' },
      });
      expect(period('Last 7 days')).toMatchObject({
        current: { revenueMinor: 1_000_000, orders: 4, averageMinor: 250_000 },
        previous: { revenueMinor: 500_000, orders: 1, averageMinor: 500_000 },
        change: { revenue: '+100%', orders: '+300%', average: '-50%' },
      });
      expect(period('Last 30 days')).toMatchObject({
        current: { revenueMinor: 1_500_000, orders: 5, averageMinor: 300_000 },
        previous: { revenueMinor: 600_000, orders: 1, averageMinor: 600_000 },
        change: { revenue: '+150%', orders: '+400%', average: '-50%' },
      });
    });

    it('draws 30 days, the tallest bar the best day', () => {
      expect(dashboard.chart.bars).toHaveLength(30);
      expect(dashboard.chart.bars[0].day).toBe('2026-10-29');
      expect(dashboard.chart.bestMinor).toBe(500_000);
      const best = dashboard.chart.bars.find((bar) => bar.day === '2026-11-18');
      expect(best?.height).toBe(Math.max(...dashboard.chart.bars.map((bar) => bar.height)));
    });

    it('ranks the top products of the last 30 days by revenue, with units, leaving out cancelled and older orders', () => {
      expect(dashboard.topProducts).toEqual([
        { productName: 'Lawn Kurta', units: 3, revenueMinor: 500_000 },
        { productName: 'Silk Dupatta', units: 3, revenueMinor: 300_000 },
      ]);
    });
  });

  describe('in a zone whose clocks change (Europe/London, the day after summer time begins)', () => {
    let services: ServiceModule;

    beforeAll(async () => {
      services = await serviceModuleWith({ STORE_TIME_ZONE: 'Europe/London' }, AdminModule);
      await anOrderAt(services, '2026-03-28T23:30:00Z', 100_000, OrderStatus.Placed); // 23:30 GMT on the 28th
      await anOrderAt(services, '2026-03-29T23:30:00Z', 300_000, OrderStatus.Placed); // 00:30 BST on the 30th
      await anOrderAt(services, '2026-03-30T08:00:00Z', 200_000, OrderStatus.Placed);
    });
    afterAll(() => services.close());

    it('cuts each day at local midnight on both sides of the change, and shows — where there is nothing to compare with', async () => {
      const dashboard = await services.get(DashboardService).dashboard(new Date('2026-03-30T12:00:00Z'));

      expect(dashboard.today).toBe('2026-03-30');
      expect(dashboard.chart.bars.slice(-3).map((bar) => [bar.day, bar.revenueMinor])).toEqual([
        ['2026-03-28', 100_000],
        ['2026-03-29', 0],
        ['2026-03-30', 500_000],
      ]);
      expect(dashboard.periods[0]).toMatchObject({ current: { revenueMinor: 500_000, orders: 2 }, change: { revenue: '—', orders: '—', average: '—' } });
      expect(dashboard.periods[2].change).toEqual({ revenue: '—', orders: '—', average: '—' });
    });
  });
});
