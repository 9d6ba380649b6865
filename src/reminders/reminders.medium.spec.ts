import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct } from '../../test/helpers/factories.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { OWNER } from '../../test/helpers/test-shop.js';
import { User } from '../auth/entities/user.entity.js';
import { CartService } from '../cart/cart.service.js';
import { Cart } from '../cart/entities/cart.entity.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { StockReason } from '../catalog/stock-reason.js';
import { NotFoundError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { OutboxMessage } from '../mail/entities/outbox-message.entity.js';
import { CartReminders } from './cart-reminders.service.js';
import { StockAlert } from './entities/stock-alert.entity.js';
import { RemindersModule } from './reminders.module.js';
import { StockAlerts } from './stock-alerts.service.js';
import { Unsubscribes } from './unsubscribes.service.js';

/** The abandoned-cart reminder and "back in stock", on the driver this run uses, with several runs racing. */
describe('reminders on a real database', () => {
  let services: ServiceModule;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

  beforeAll(async () => {
    services = await serviceModule(RemindersModule);
  });
  afterAll(() => services.close());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const mailsTo = (recipient: string, kind: string) => repository(OutboxMessage).findBy({ recipient, kind });
  /** A guest's cart with something in it and the email they typed at checkout, last touched `hours` ago. */
  async function aGuestCart(email: string | null, hours: number): Promise<number> {
    const cartId = await aCart(services, [[await aProduct(services, { name: 'Ravi Kurta' }), 2]]);
    if (email) await services.get(CartService).rememberEmail(cartId, email);
    await repository(Cart).update({ id: cartId }, { updatedAt: hoursAgo(hours) });
    return cartId;
  }
  const raceOf = (runs: number) => Promise.all(Array.from({ length: runs }, () => services.get(CartReminders).sendDue(new Date())));

  it('reminds each cart waiting a day once, however many runs race, and only carts with someone to remind', async () => {
    const guest = await aGuestCart('Sana@Example.test', 25);
    const owner = await repository(User).findOneByOrFail({ email: OWNER.email });
    const { cartId: accountCart } = await services
      .get(CartService)
      .addItem(undefined, { productSlug: (await aProduct(services)).slug, size: 'M', colour: 'Indigo', quantity: 1 }, owner.id);
    await repository(Cart).update({ id: accountCart }, { updatedAt: hoursAgo(30) });
    const tooRecent = await aGuestCart('recent@example.test', 23);
    const anonymous = await aGuestCart(null, 25);

    const runs = await raceOf(3);

    expect(runs.flat().sort()).toEqual([guest, accountCart].sort());
    const [reminder] = await mailsTo('sana@example.test', 'cart_reminder');
    expect(reminder.body).toContain('2 × Ravi Kurta (M / Indigo)');
    expect(reminder.body).toMatch(/\/reminders\/unsubscribe\/[\w-]+\.[\w-]+/);
    expect(await mailsTo('sana@example.test', 'cart_reminder')).toHaveLength(1);
    expect(await mailsTo(OWNER.email, 'cart_reminder')).toHaveLength(1);
    expect(await mailsTo('recent@example.test', 'cart_reminder')).toHaveLength(0);
    expect(await raceOf(2)).toEqual([[], []]);
    expect((await repository(Cart).findOneByOrFail({ id: tooRecent })).reminderSentAt).toBeNull();
    expect((await repository(Cart).findOneByOrFail({ id: anonymous })).reminderSentAt).toBeNull();
  });

  it('unsubscribes by the reminder’s link without signing in, and sends that address no more reminders', async () => {
    await aGuestCart('hina@example.test', 26);
    await raceOf(1);
    const [reminder] = await mailsTo('hina@example.test', 'cart_reminder');
    const token = /\/reminders\/unsubscribe\/([\w.-]+)/.exec(reminder.body)![1];
    const unsubscribes = services.get(Unsubscribes);

    expect(await unsubscribes.stateOf(token)).toEqual({ email: 'hina@example.test', unsubscribed: false });
    await expect(unsubscribes.unsubscribe(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).rejects.toBeInstanceOf(NotFoundError);
    const forgedFor = `${Buffer.from('other@example.test').toString('base64url')}.${token.split('.')[1]}`;
    await expect(unsubscribes.unsubscribe(forgedFor)).rejects.toBeInstanceOf(NotFoundError);
    expect(await unsubscribes.unsubscribe(token)).toBe('hina@example.test');
    expect(await unsubscribes.unsubscribe(token)).toBe('hina@example.test');
    expect(await unsubscribes.stateOf(token)).toEqual({ email: 'hina@example.test', unsubscribed: true });

    const another = await aGuestCart('HINA@example.test', 27);
    expect(await raceOf(1)).toEqual([[]]);
    expect(await mailsTo('hina@example.test', 'cart_reminder')).toHaveLength(1);
    // Claimed all the same, so it is not looked at again.
    expect((await repository(Cart).findOneByOrFail({ id: another })).reminderSentAt).not.toBeNull();
  });

  it('emails "back in stock" once when the sold-out size is restocked, not before and not twice', async () => {
    const kurta = await aProduct(services, { name: 'Angrakha Kurta', stock: 0 });
    const [variantId] = kurta.variantIds;
    const alerts = services.get(StockAlerts);
    expect(await alerts.subscribe(variantId, 'ayesha@example.test')).toMatchObject({ outcome: 'subscribed', description: 'Angrakha Kurta (M / Indigo)' });
    await alerts.subscribe(variantId, ' Ayesha@Example.test ');
    await alerts.subscribe(variantId, 'zara@example.test');
    expect(await repository(StockAlert).countBy({ variantId })).toBe(2);

    expect(await alerts.sendDue()).toBe(0);
    expect(await mailsTo('ayesha@example.test', 'back_in_stock')).toHaveLength(0);

    await services.get(Transactions).run((manager) => services.get(InventoryService).changeStock(manager, variantId, 3, StockReason.Received, 'PO-1'));
    const sent = await Promise.all([alerts.sendDue(), alerts.sendDue(), alerts.sendDue()]);
    expect(sent.reduce((sum, n) => sum + n, 0)).toBe(2);
    const [email] = await mailsTo('ayesha@example.test', 'back_in_stock');
    expect(email.subject).toBe('Angrakha Kurta (M / Indigo) is back in stock');
    expect(email.body).toContain(`/products/${kurta.slug}`);
    expect(await mailsTo('zara@example.test', 'back_in_stock')).toHaveLength(1);
    expect(await repository(StockAlert).countBy({ variantId })).toBe(0);
    expect(await alerts.sendDue()).toBe(0);
    expect(await mailsTo('ayesha@example.test', 'back_in_stock')).toHaveLength(1);

    expect(await alerts.subscribe(variantId, 'late@example.test')).toMatchObject({ outcome: 'in_stock' });
    expect(await repository(StockAlert).countBy({ variantId })).toBe(0);
  });
});
