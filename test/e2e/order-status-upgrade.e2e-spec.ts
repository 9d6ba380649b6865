import { onMySql } from '../helpers/test-shop.js';
import { upgradeTo } from '../helpers/upgrade.js';

/**
 * "Paid" stopped being an order status (the payment record says it): a shop with paid orders upgrades
 * to orders that are confirmed, with the history's "paid" steps kept as payment steps.
 */
describe(`upgrading a shop with paid orders to fulfilment statuses (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const upgrade = upgradeTo('OrderFulfilmentAndShipments');
  afterAll(() => upgrade.cleanUp());

  it('makes paid orders confirmed and their "paid" history steps payment steps', async () => {
    const before = await upgrade.databaseBefore();
    const order = (number: string, status: string) =>
      before.query(
        `INSERT INTO shop_order (number, email, fullName, phone, address, city, postalCode, status, paymentMethod, shippingMethod, currency, subtotalMinor, shippingMinor, totalMinor)
         VALUES ('${number}', 'a@example.test', 'A', '0300', 'Street', 'Lahore', '54000', '${status}', 'bank_transfer', 'standard', 'PKR', 100, 0, 100)`,
      );
    await order('AK-PAID0001', 'paid');
    await order('AK-SHIP0002', 'shipped');
    await before.query(
      `INSERT INTO order_status_change (orderId, fromStatus, toStatus) VALUES
       (1, NULL, 'placed'), (1, 'placed', 'paid'), (2, NULL, 'placed'), (2, 'placed', 'confirmed'), (2, 'confirmed', 'paid'), (2, 'paid', 'shipped')`,
    );
    await before.destroy();

    const after = upgrade.databaseAfter();
    await after.initialize();
    try {
      expect((await after.runMigrations()).map((m) => m.name)[0]).toMatch(/^OrderFulfilmentAndShipments/);
      const orders: { number: string; status: string }[] = await after.query('SELECT number, status FROM shop_order ORDER BY id');
      expect(orders).toEqual([
        { number: 'AK-PAID0001', status: 'confirmed' },
        { number: 'AK-SHIP0002', status: 'shipped' },
      ]);
      const steps: { orderId: number | string; fromStatus: string | null; toStatus: string; payment: string | null }[] = await after.query(
        'SELECT orderId, fromStatus, toStatus, payment FROM order_status_change ORDER BY id',
      );
      expect(steps.map((step) => ({ ...step, orderId: Number(step.orderId) }))).toEqual([
        { orderId: 1, fromStatus: null, toStatus: 'placed', payment: null },
        { orderId: 1, fromStatus: 'placed', toStatus: 'placed', payment: 'paid' },
        { orderId: 2, fromStatus: null, toStatus: 'placed', payment: null },
        { orderId: 2, fromStatus: 'placed', toStatus: 'confirmed', payment: null },
        { orderId: 2, fromStatus: 'confirmed', toStatus: 'confirmed', payment: 'paid' },
        { orderId: 2, fromStatus: 'confirmed', toStatus: 'shipped', payment: null },
      ]);
    } finally {
      await after.destroy();
    }
  });
});
