import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { amountForInput, formatMoney } from '../../src/common/money.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { OrderPayment } from '../../src/orders/payments/entities/order-payment.entity.js';
import { PaymentRefund } from '../../src/orders/payments/entities/payment-refund.entity.js';
import { PaymentReleases } from '../../src/orders/payments/payment-releases.service.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { deliver, HOSTED_PROVIDERS, type HostedProviderDriver, placeHostedOrder } from '../helpers/hosted-providers.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { type Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember, signedInOwner } from '../helpers/staff.js';
import { OWNER, shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

describe.each(HOSTED_PROVIDERS)('refunding a $name payment from the order page', ({ start }) => {
  const open = shopsClosedAfterEach();
  let provider: HostedProviderDriver;
  let shop: TestShop;
  let owner: Shopper;

  beforeEach(async () => {
    provider = await start();
    shop = await open(provider.env);
    owner = await signedInOwner(shop);
  });
  afterEach(() => provider.close());

  /** An order of `quantity` at Rs 2,500 each, paid through the provider's webhook. */
  async function paidOrder(product: ProductFixture, quantity: number) {
    const { number } = await placeHostedOrder(shop, provider, product, quantity);
    expect((await deliver(shop, provider.webhookPath, provider.paid(number))).status).toBe(200);
    return number;
  }

  const refund = (number: string, fields: Record<string, string>) => owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/refund`, fields);
  const paymentOf = (number: string) => shop.dataSource.getRepository(OrderPayment).findOneByOrFail({ orderNumber: number });
  const stockOf = async (product: ProductFixture) => (await shop.dataSource.getRepository(Variant).findOneByOrFail({ id: product.variantIds[0] })).stock;
  const statusOf = async (number: string) => (await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).status;

  it('refunds part through the provider without restocking, then the rest, which restocks the unsent order and marks it refunded', async () => {
    const kurta = await aProduct(shop, { stock: 5, priceMinor: 250_000 });
    const number = await paidOrder(kurta, 2);
    expect(await stockOf(kurta)).toBe(3);

    const partial = await refund(number, { amount: '1,000.00', reason: 'Late delivery' });

    expect(partial).toMatchObject({ status: 303, location: `/admin/orders/${number}` });
    expect(textOf((await owner.follow(partial)).html)).toContain(`Refunded Rs 1,000 on order ${number}.`);
    expect(provider.refunds()).toEqual([100_000]);
    expect(await paymentOf(number)).toMatchObject({ status: 'partially_refunded', refundedMinor: 100_000 });
    expect(await stockOf(kurta)).toBe(3);
    expect(await statusOf(number)).toBe('placed');

    const rest = await refund(number, { amount: '4,000' });

    expect(rest.status).toBe(303);
    expect(provider.refunds()).toEqual([100_000, 400_000]);
    expect(await paymentOf(number)).toMatchObject({ status: 'refunded', refundedMinor: 500_000 });
    expect(await stockOf(kurta)).toBe(5);
    expect(await statusOf(number)).toBe('refunded');
    const refunds = await shop.dataSource.getRepository(PaymentRefund).find({ order: { id: 'ASC' } });
    expect(refunds.map(({ amountMinor, byEmail, restocked, reason }) => ({ amountMinor, byEmail, restocked, reason }))).toEqual([
      { amountMinor: 100_000, byEmail: OWNER.email, restocked: false, reason: 'Late delivery' },
      { amountMinor: 400_000, byEmail: OWNER.email, restocked: true, reason: null },
    ]);
    const audited = await shop.dataSource.getRepository(AuditEntry).findBy({ action: 'payment.refunded', subjectId: number });
    expect(audited).toHaveLength(2);
    const page = textOf((await owner.get(`/admin/orders/${number}`)).html);
    expect(page).toContain('Refunded Rs 5,000');
    expect(page).not.toContain('Amount to refund');
  });

  it('puts the units back for a partial refund when asked, with the ledger reason "refunded"', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const number = await paidOrder(kurta, 2);

    expect((await refund(number, { amount: '500', restock: '1' })).status).toBe(303);

    expect(await stockOf(kurta)).toBe(5);
    const movements = await shop.dataSource.getRepository(StockMovement).findBy({ variantId: kurta.variantIds[0], reference: number });
    expect(movements.map((m) => [m.reason, m.delta])).toEqual([
      ['sale', -2],
      ['refunded', 2],
    ]);
  });

  it('refuses more than is left, or no amount, at the field (422) with the form kept, refunding nothing', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const number = await paidOrder(kurta, 1);
    const { amountMinor } = await paymentOf(number);
    const more = amountForInput(amountMinor + 1);

    const tooMuch = await refund(number, { amount: more, reason: 'Goodwill' });
    const nothing = await refund(number, { amount: 'all of it' });

    expect(tooMuch.status).toBe(422);
    expect(textOf(tooMuch.html)).toContain(
      `Enter an amount from Rs 0.01 up to ${formatMoney(amountMinor, 'PKR').replace(/\s/g, ' ')}, what is left to refund.`,
    );
    expect(tooMuch.html).toContain(`value="${more}"`);
    expect(tooMuch.html).toContain('value="Goodwill"');
    expect(nothing.status).toBe(422);
    expect(textOf(nothing.html)).toContain('Enter the amount to refund, such as 1,250.00.');
    expect(provider.refunds()).toEqual([]);
    expect(await paymentOf(number)).toMatchObject({ status: 'paid', refundedMinor: 0 });
  });

  it('changes nothing when the provider fails the refund, and says so', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const number = await paidOrder(kurta, 1);
    provider.failNext(503);

    const failed = await refund(number, { amount: '100' });

    expect(failed.status).toBe(422);
    expect(textOf(failed.html)).toContain(`${provider.name} did not make the refund`);
    expect(await paymentOf(number)).toMatchObject({ status: 'paid', refundedMinor: 0 });
    expect(await shop.dataSource.getRepository(PaymentRefund).count()).toBe(0);
  });

  it('lets only the owner refund: staff are refused (403) and see no refund form', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const number = await paidOrder(kurta, 1);
    const staff = await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: 'a-long-enough-password' });

    const page = await staff.get(`/admin/orders/${number}`);
    expect(textOf(page.html)).toContain('Paid');
    expect(textOf(page.html)).not.toContain('Amount to refund');
    expect((await staff.submit(`/admin/orders/${number}`, `/admin/orders/${number}/refund`, { amount: '100' })).status).toBe(403);
    expect(provider.refunds()).toEqual([]);
  });

  it('shows a late payment whose items were sold as "Refund needed", and a full refund clears it without restocking', async () => {
    const kurta = await aProduct(shop, { stock: 1 });
    const { number } = await placeHostedOrder(shop, provider, kurta, 1);
    await shop.get(PaymentReleases).releaseDue(new Date(Date.now() + 31 * 60_000));
    const quicker = await signedInOwner(shop);
    await addToCart(quicker, kurta);
    expect((await checkout(quicker, { email: 'quicker@example.test' })).status).toBe(303);
    await deliver(shop, provider.webhookPath, provider.paid(number));

    expect(textOf((await owner.get(`/admin/orders/${number}`)).html)).toContain('Refund needed: the payment arrived after this order was released');

    expect((await refund(number, { amount: amountForInput((await paymentOf(number)).amountMinor) })).status).toBe(303);
    expect(await paymentOf(number)).toMatchObject({ status: 'refunded', needsRefund: false });
    expect(await stockOf(kurta)).toBe(0);
    expect(await statusOf(number)).toBe('cancelled');
    expect(textOf((await owner.get(`/admin/orders/${number}`)).html)).not.toContain('Refund needed');
  });
});
