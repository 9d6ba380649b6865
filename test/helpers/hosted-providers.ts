import { Order } from '../../src/orders/entities/order.entity.js';
import { FakeSafepay } from './fake-safepay.js';
import type { Failure } from './fake-server.js';
import { FakeStripe } from './fake-stripe.js';
import type { ProductFixture } from './factories.js';
import { addToCart, checkout } from './journeys.js';
import { Shopper } from './shopper.js';
import type { TestShop } from './test-shop.js';

/** A signed (or deliberately mis-signed) webhook delivery: the exact body and its headers. */
export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * One hosted-payment provider as the tests drive it, whichever it is: its fake API, the payment method
 * the checkout form names, and its webhooks for an order (paid, failed, forged, stale). The e2e specs run
 * every rule once per provider with `describe.each(HOSTED_PROVIDERS)`.
 */
export interface HostedProviderDriver {
  name: 'Stripe' | 'Safepay';
  paymentMethod: 'stripe' | 'safepay';
  webhookPath: string;
  env: Record<string, string>;
  failNext(failure: Failure): void;
  /** The order's payment as the provider saw it made: its amount in minor units. */
  amountFor(orderNumber: string): number;
  /** What the shop asked the provider to refund, in order. */
  refunds(): number[];
  paid(orderNumber: string, options?: { id?: string }): Delivery;
  failed(orderNumber: string, options?: { id?: string }): Delivery;
  /** Signed with the wrong secret. */
  forged(orderNumber: string): Delivery;
  /** Signed properly, but ten minutes ago. */
  stale(orderNumber: string): Delivery;
  close(): Promise<void>;
}

export const HOSTED_PROVIDERS: { name: string; start: () => Promise<HostedProviderDriver> }[] = [
  { name: 'Stripe', start: startStripe },
  { name: 'Safepay', start: startSafepay },
];

async function startStripe(): Promise<HostedProviderDriver> {
  const fake = await FakeStripe.start();
  const paidSession = (number: string) => {
    const session = fake.sessionFor(number);
    fake.pay(session);
    return session;
  };
  return {
    name: 'Stripe',
    paymentMethod: 'stripe',
    webhookPath: '/payments/webhooks/stripe',
    env: fake.env,
    failNext: (failure) => fake.failNext(failure),
    amountFor: (number) => fake.sessionFor(number).amount_total,
    refunds: () => fake.refunds.map((refund) => refund.amount),
    paid: (number, options) => fake.event('checkout.session.completed', paidSession(number), options),
    failed: (number, options) => fake.event('checkout.session.async_payment_failed', fake.sessionFor(number), options),
    forged: (number) => fake.event('checkout.session.completed', paidSession(number), { secret: 'whsec_not_the_shops' }),
    stale: (number) => fake.event('checkout.session.completed', paidSession(number), { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    close: () => fake.close(),
  };
}

async function startSafepay(): Promise<HostedProviderDriver> {
  const fake = await FakeSafepay.start();
  return {
    name: 'Safepay',
    paymentMethod: 'safepay',
    webhookPath: '/payments/webhooks/safepay',
    env: fake.env,
    failNext: (failure) => fake.failNext(failure),
    amountFor: (number) => fake.trackerFor(number).amount,
    refunds: () => fake.refunds.map((refund) => refund.amount),
    paid: (number, options) => fake.event('payment.completed', fake.trackerFor(number), options),
    failed: (number, options) => fake.event('payment.failed', fake.trackerFor(number), options),
    forged: (number) => fake.event('payment.completed', fake.trackerFor(number), { secret: Buffer.from('not the shop secret').toString('base64') }),
    stale: (number) => fake.event('payment.completed', fake.trackerFor(number), { sentAt: new Date(Date.now() - 600_000) }),
    close: () => fake.close(),
  };
}

/** POSTs a webhook to the shop as the provider would: no cookie, no CSRF token, the body byte for byte. */
export async function deliver(shop: Pick<TestShop, 'baseUrl'>, path: string, delivery: Delivery): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, shop.baseUrl), { method: 'POST', body: delivery.body, headers: delivery.headers });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the assertion to show.
  }
  return { status: response.status, json };
}

/**
 * A shopper checks out `quantity` of the product with the provider and opens its hosted page, as a
 * browser follows the checkout's redirect (the fake then knows the order, as Safepay's page does).
 */
export async function placeHostedOrder(
  shop: TestShop,
  provider: HostedProviderDriver,
  product: ProductFixture,
  quantity = 1,
  shopper = new Shopper(shop.baseUrl),
) {
  await addToCart(shopper, product, { quantity });
  const placed = await checkout(shopper, { paymentMethod: provider.paymentMethod, email: `buyer${Math.random().toString(36).slice(2, 6)}@example.test` });
  if (placed.status !== 303 || !placed.location) throw new Error(`checkout answered ${placed.status}`);
  const page = await fetch(placed.location);
  if (page.status !== 200) throw new Error(`the hosted page ${placed.location} answered ${page.status}`);
  const [order] = await shop.dataSource.getRepository(Order).find({ order: { id: 'DESC' }, take: 1 });
  return { shopper, number: order.number, location: placed.location };
}
