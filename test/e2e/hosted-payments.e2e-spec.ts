import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { OrderPayment } from '../../src/orders/payments/entities/order-payment.entity.js';
import { PaymentEvent } from '../../src/orders/payments/entities/payment-event.entity.js';
import { PaymentReleases } from '../../src/orders/payments/payment-releases.service.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { deliver, HOSTED_PROVIDERS, type HostedProviderDriver, placeHostedOrder } from '../helpers/hosted-providers.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { sameDatabaseAs, shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

const RELEASE_MINUTES = 30;
/** A provider that does not answer is given up on after this long (not a timing threshold: it only keeps the test short). */
const PROVIDER_TIMEOUT = { PAYMENT_PROVIDER_TIMEOUT_MS: '400' };
/** A moment just past the release window of an order placed now: the release job's injected clock. */
const afterTheWindow = () => new Date(Date.now() + (RELEASE_MINUTES + 1) * 60_000);

describe.each(HOSTED_PROVIDERS)('paying through $name’s hosted page', ({ start }) => {
  const open = shopsClosedAfterEach();
  let provider: HostedProviderDriver;
  let shop: TestShop;

  beforeEach(async () => {
    provider = await start();
    shop = await open({ ...provider.env, ...PROVIDER_TIMEOUT, PAYMENT_RELEASE_MINUTES: String(RELEASE_MINUTES) });
  });
  afterEach(() => provider.close());

  const placeOrder = (product: ProductFixture, quantity = 1) => placeHostedOrder(shop, provider, product, quantity);
  const paymentOf = (number: string) => shop.dataSource.getRepository(OrderPayment).findOneByOrFail({ orderNumber: number });
  const orderOf = (number: string) => shop.dataSource.getRepository(Order).findOneByOrFail({ number });
  const stockOf = async (product: ProductFixture) => (await shop.dataSource.getRepository(Variant).findOneByOrFail({ id: product.variantIds[0] })).stock;
  const historyOf = async (number: string) =>
    (await shop.dataSource.getRepository(OrderStatusChange).find({ where: { orderId: (await orderOf(number)).id }, order: { id: 'ASC' } })).map(
      // A payment step keeps the status and names the payment's: "placed+paid".
      (c) => (c.payment ? `${c.toStatus}+${c.payment}` : c.toStatus),
    );

  it('sends the shopper to the hosted page for the total, shows "payment pending" until the webhook, then the confirmation', async () => {
    const kurta = await aProduct(shop, { stock: 5, priceMinor: 349_900 });
    const { shopper, number, location } = await placeOrder(kurta, 2);

    expect(location.startsWith(provider.env.STRIPE_API_URL ?? provider.env.SAFEPAY_CHECKOUT_URL)).toBe(true);
    const order = await orderOf(number);
    expect(provider.amountFor(number)).toBe(order.totalMinor);
    expect(await stockOf(kurta)).toBe(3);

    const pending = await shopper.get(`/orders/${number}/payment`);
    expect(pending.status).toBe(200);
    // Checkout's form redirects to the hosted page: the content security policy's form-action lets it.
    expect(pending.headers.get('content-security-policy')).toMatch(new RegExp(`form-action 'self' ${new URL(location).origin}`));
    expect(textOf(pending.html)).toContain('Payment pending');
    expect(pending.html).toMatch(/<meta http-equiv="refresh" content="3">/);
    expect(textOf((await shopper.get(`/orders/${number}/confirmation`)).html)).toContain('Payment pending');
    expect(order.status).toBe('placed');

    const answer = await deliver(shop, provider.webhookPath, provider.paid(number));

    expect(answer).toMatchObject({ status: 200, json: { duplicate: false, outcome: 'paid' } });
    const paid = await shopper.get(`/orders/${number}/payment`);
    expect(paid).toMatchObject({ status: 303, location: `/orders/${number}/confirmation` });
    const confirmation = textOf((await shopper.follow(paid)).html);
    expect(confirmation).toContain('Thank you');
    expect(confirmation).toContain('Paid: Rs 6,998 by');
    expect(await paymentOf(number)).toMatchObject({ status: 'paid', needsRefund: false });
    expect(await orderOf(number)).toMatchObject({ status: 'placed' });
    expect(await historyOf(number)).toEqual(['placed', 'placed+paid']);
    expect(await stockOf(kurta)).toBe(3);
  });

  it('offers a shopper who left the hosted page the same page again, never a second one to pay', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const { shopper, number, location } = await placeOrder(kurta);

    const left = await shopper.get(`/orders/${number}/payment?left=1`);

    expect(textOf(left.html)).toContain('You left the payment page before paying');
    const retried = await shopper.submit(`/orders/${number}/payment?left=1`, `/orders/${number}/payment`, {});
    expect(retried).toMatchObject({ status: 303, location });
    expect(await paymentOf(number)).toMatchObject({ status: 'pending', checkoutUrl: location });
  });

  it('is paid once when the same webhook arrives ten times at once', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const { number } = await placeOrder(kurta);
    const webhook = provider.paid(number);

    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(shop, provider.webhookPath, webhook)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((answer) => (answer.json as { duplicate: boolean }).duplicate === false)).toHaveLength(1);
    expect(await shop.dataSource.getRepository(PaymentEvent).countBy({ orderPaymentId: (await paymentOf(number)).id })).toBe(1);
    expect(await historyOf(number)).toEqual(['placed', 'placed+paid']);
    expect(await stockOf(kurta)).toBe(4);
  });

  it('answers a forged or stale webhook 400, logs it, and changes nothing', async () => {
    const kurta = await aProduct(shop, { stock: 5 });
    const { number } = await placeOrder(kurta);
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    const forged = await deliver(shop, provider.webhookPath, provider.forged(number));
    const stale = await deliver(shop, provider.webhookPath, provider.stale(number));
    const tampered = provider.paid(number);
    const altered = await deliver(shop, provider.webhookPath, { ...tampered, body: tampered.body.replace('"', ' "') });

    expect([forged.status, stale.status, altered.status]).toEqual([400, 400, 400]);
    expect(warned).toHaveBeenCalledWith(expect.objectContaining({ event: 'payment_webhook_rejected', provider: provider.paymentMethod }));
    expect(warned.mock.calls.filter(([entry]) => (entry as { event?: string }).event === 'payment_webhook_rejected')).toHaveLength(3);
    expect(await paymentOf(number)).toMatchObject({ status: 'pending' });
    expect(await orderOf(number)).toMatchObject({ status: 'placed' });
    expect(await shop.dataSource.getRepository(PaymentEvent).count()).toBe(0);
  });

  it('takes events in any order: a failure after the payment changes nothing, a payment after a failure counts', async () => {
    const [kurta, shawl] = [await aProduct(shop, { stock: 5 }), await aProduct(shop, { stock: 5 })];
    const first = await placeOrder(kurta);
    expect((await deliver(shop, provider.webhookPath, provider.paid(first.number))).json).toMatchObject({ outcome: 'paid' });
    expect((await deliver(shop, provider.webhookPath, provider.failed(first.number))).json).toMatchObject({ outcome: 'ignored: failed while paid' });
    expect(await paymentOf(first.number)).toMatchObject({ status: 'paid' });

    const second = await placeOrder(shawl);
    expect((await deliver(shop, provider.webhookPath, provider.failed(second.number))).json).toMatchObject({ outcome: 'failed' });
    expect(textOf((await second.shopper.get(`/orders/${second.number}/payment`)).html)).toContain('Your payment did not go through');
    expect((await deliver(shop, provider.webhookPath, provider.paid(second.number))).json).toMatchObject({ outcome: 'paid' });
    expect(await orderOf(second.number)).toMatchObject({ status: 'placed' });
    expect(await historyOf(second.number)).toEqual(['placed', 'placed+paid']);
  });

  it('releases an unpaid order’s stock once its window has passed, once however many instances run the job', async () => {
    const kurta = await aProduct(shop, { stock: 4 });
    const { number, shopper } = await placeOrder(kurta, 3);
    const releases = shop.get(PaymentReleases);
    expect(await releases.releaseDue(new Date())).toEqual([]);
    expect(await stockOf(kurta)).toBe(1);
    const second = await open({ ...provider.env, PAYMENT_RELEASE_MINUTES: String(RELEASE_MINUTES), ...sameDatabaseAs(shop) });

    const [here, there] = await Promise.all([releases.releaseDue(afterTheWindow()), second.get(PaymentReleases).releaseDue(afterTheWindow())]);

    expect([...here, ...there]).toEqual([number]);
    expect(await stockOf(kurta)).toBe(4);
    expect(await paymentOf(number)).toMatchObject({ status: 'expired' });
    expect(await orderOf(number)).toMatchObject({ status: 'cancelled' });
    const released = await shop.dataSource.getRepository(StockMovement).findBy({ variantId: kurta.variantIds[0], reference: number });
    expect(released.map((m) => [m.reason, m.delta])).toEqual([
      ['sale', -3],
      ['payment not received', 3],
    ]);
    expect(textOf((await shopper.get(`/orders/${number}/payment`)).html)).toContain('Payment not received');
  });

  it('takes the stock again for a payment that arrives after the release, while it is still there', async () => {
    const kurta = await aProduct(shop, { stock: 4 });
    const { number } = await placeOrder(kurta, 2);
    await shop.get(PaymentReleases).releaseDue(afterTheWindow());
    expect(await stockOf(kurta)).toBe(4);

    expect((await deliver(shop, provider.webhookPath, provider.paid(number))).json).toMatchObject({ outcome: 'paid late: items taken again' });

    expect(await stockOf(kurta)).toBe(2);
    expect(await orderOf(number)).toMatchObject({ status: 'placed' });
    expect(await paymentOf(number)).toMatchObject({ status: 'paid', needsRefund: false });
    expect(await historyOf(number)).toEqual(['placed', 'cancelled', 'placed', 'placed+paid']);
  });

  it('flags for a refund a payment that arrives after the release when its items were sold meanwhile', async () => {
    const kurta = await aProduct(shop, { stock: 2 });
    const { number } = await placeOrder(kurta, 2);
    await shop.get(PaymentReleases).releaseDue(afterTheWindow());
    const quicker = new Shopper(shop.baseUrl);
    await addToCart(quicker, kurta, { quantity: 1 });
    expect((await checkout(quicker, { email: 'quicker@example.test' })).status).toBe(303);

    expect((await deliver(shop, provider.webhookPath, provider.paid(number))).json).toMatchObject({ outcome: 'paid: flagged for refund, the items are gone' });

    expect(await stockOf(kurta)).toBe(1);
    expect(await orderOf(number)).toMatchObject({ status: 'cancelled' });
    expect(await paymentOf(number)).toMatchObject({ status: 'paid', needsRefund: true });
  });

  it.each([
    ['answers 503', 503 as const],
    ['never answers', 'timeout' as const],
  ])('keeps nothing paid and no stock past the window when the provider %s, and offers a retry', async (_, failure) => {
    const kurta = await aProduct(shop, { stock: 3 });
    provider.failNext(failure);
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta, { quantity: 1 });
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    const placed = await checkout(shopper, { paymentMethod: provider.paymentMethod });

    const number = /^\/orders\/(AK-\w+)\/payment$/.exec(placed.location ?? '')?.[1] ?? '';
    expect(placed.status).toBe(303);
    expect(number).not.toBe('');
    const page = await shopper.follow(placed);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('We could not start your payment');
    expect(textOf(page.html)).toContain('nothing has been charged');
    expect(page.html).toContain(`action="/orders/${number}/payment"`);
    expect(warned).toHaveBeenCalledWith(expect.objectContaining({ event: 'payment_provider_unavailable', order: number }));
    expect(await paymentOf(number)).toMatchObject({ status: 'pending', providerReference: null });

    const retried = await shopper.submit(`/orders/${number}/payment`, `/orders/${number}/payment`, {});
    expect(retried.status).toBe(303);
    expect(retried.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    expect(await shop.get(PaymentReleases).releaseDue(afterTheWindow())).toEqual([number]);
    expect(await stockOf(kurta)).toBe(3);
    expect(await orderOf(number)).toMatchObject({ status: 'cancelled' });
  });
});
