import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { OrderLine } from '../../src/orders/entities/order-line.entity.js';
import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import type { ProductFixture } from './factories.js';
import { DELIVERY } from './journeys.js';
import { csrfTokenIn, type PageResponse, Shopper, textOf } from './shopper.js';

/** What the shoppers of a checkout load saw. */
export interface CheckoutLoadTally {
  /** Every answer, by status, with when it arrived. */
  answers: { status: number; path: string; at: number }[];
  /** Requests that got no answer at all (the connection was refused or cut). */
  noAnswer: { path: string; at: number; error: string }[];
  /** Order numbers a shopper was sent to the confirmation of (303). */
  redirected: Set<string>;
  /** Order numbers whose "Thank you" page a shopper read. */
  confirmed: Set<string>;
  /** Every order a shopper was shown as placed, in the order they were, with who placed it and when. */
  placed: PlacedOrder[];
}

/** An order a shopper was shown as placed (sent to, or shown, its confirmation) by `at` (Date.now()). */
export interface PlacedOrder {
  number: string;
  at: number;
  shopper: Shopper;
}

export interface CheckoutLoad {
  tally: CheckoutLoadTally;
  /** Asks every shopper to stop after its current step; resolves with the orders placed when all have. */
  stop(): Promise<PlacedOrder[]>;
  /** Waits until `count` orders are placed in all (at most `withinMs`, then fails). */
  untilPlaced(count: number, withinMs?: number): Promise<void>;
  /** Resolves when every shopper has stopped (asked to, or after an unanswered request with `untilNoAnswer`). */
  finished: Promise<void>;
}

/**
 * `shoppers` shoppers, each buying one unit of `product` again and again through the pages (product
 * page, Add to cart, checkout, Place order, confirmation), as a browser would, each with its own cookies.
 * With `untilNoAnswer`, a shopper stops at its first request that gets no answer (the shop has gone);
 * otherwise it waits a moment and goes on.
 */
export function checkoutLoad(baseUrl: string, product: ProductFixture, shoppers: number, options: { untilNoAnswer?: boolean } = {}): CheckoutLoad {
  const tally: CheckoutLoadTally = { answers: [], noAnswer: [], redirected: new Set(), confirmed: new Set(), placed: [] };
  let stopping = false;

  const step = async (path: string, request: () => Promise<PageResponse>): Promise<PageResponse | undefined> => {
    try {
      const answer = await request();
      tally.answers.push({ status: answer.status, path, at: Date.now() });
      return answer;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      tally.noAnswer.push({ path, at: Date.now(), error: cause?.code ?? cause?.message ?? String(error) });
      return undefined;
    }
  };

  const shop = async (shopper: Shopper): Promise<void> => {
    while (!stopping) {
      const outcome = await buyOnce(shopper);
      if (outcome === 'no answer' && options.untilNoAnswer) return;
      if (outcome !== 'ordered') await sleep(50);
    }
  };

  const buyOnce = async (shopper: Shopper): Promise<'ordered' | 'refused' | 'no answer'> => {
    const page = await step('/products/:slug', () => shopper.get(`/products/${product.slug}`));
    if (!page) return 'no answer';
    if (page.status !== 200) return 'refused';
    const fields = { product: product.slug, size: 'M', colour: 'Indigo', quantity: 1 };
    const added = await step('/cart/items', () => shopper.post('/cart/items', { _csrf: csrfTokenIn(page.html), ...fields }));
    if (!added) return 'no answer';
    const form = await step('/checkout', () => shopper.get('/checkout'));
    if (!form) return 'no answer';
    if (form.status !== 200) return 'refused';
    const placed = await step('POST /checkout', () => shopper.post('/checkout', { _csrf: csrfTokenIn(form.html), ...DELIVERY }));
    if (!placed) return 'no answer';
    // The confirmation shown at once when the session could not remember the order (see CheckoutController).
    if (placed.status === 200 && textOf(placed.html).includes('Thank you')) {
      const number = /order ([A-Z0-9-]+)/.exec(textOf(placed.html))?.[1];
      if (number) {
        tally.confirmed.add(number);
        tally.placed.push({ number, at: Date.now(), shopper });
      }
      return 'ordered';
    }
    const number = /^\/orders\/([^/]+)\/confirmation$/.exec(placed.location ?? '')?.[1];
    if (placed.status !== 303 || !number) return 'refused';
    tally.redirected.add(number);
    tally.placed.push({ number, at: Date.now(), shopper });
    const shown = await step('/orders/:number/confirmation', () => shopper.get(placed.location as string));
    if (!shown) return 'no answer';
    if (shown.status === 200 && textOf(shown.html).includes('Thank you')) tally.confirmed.add(number);
    return 'ordered';
  };

  const finished = Promise.all(Array.from({ length: shoppers }, () => shop(new Shopper(baseUrl)))).then(() => undefined);
  return {
    tally,
    finished,
    async stop() {
      stopping = true;
      await finished;
      return tally.placed;
    },
    async untilPlaced(count, withinMs = 30_000) {
      const deadline = Date.now() + withinMs;
      while (tally.placed.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${tally.placed.length} of ${count} orders placed within ${withinMs} ms`);
        await sleep(10);
      }
    },
  };
}

/** How many answers of each status, e.g. { 200: 480, 303: 160 }, and how many got none. */
export function statusCounts(tally: CheckoutLoadTally, since = 0, until = Infinity): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of tally.answers.filter((a) => a.at >= since && a.at <= until)) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  const unanswered = tally.noAnswer.filter((a) => a.at >= since && a.at <= until).length;
  if (unanswered > 0) counts['no answer'] = unanswered;
  return counts;
}

/**
 * Whether every order in the database was written whole: its lines, its history, its confirmation
 * email, and the stock it took (the variant's stock fell by exactly the units the orders hold).
 */
export async function orderIntegrity(dataSource: DataSource, product: ProductFixture, stockBefore: number) {
  const orders = await dataSource.getRepository(Order).find();
  const lines = await dataSource.getRepository(OrderLine).find();
  const history = await dataSource.getRepository(OrderStatusChange).find();
  const emails = await dataSource.getRepository(OutboxMessage).findBy({ kind: 'order_confirmation' });
  const variant = await dataSource.getRepository(Variant).findOneByOrFail({ id: product.variantIds[0] });
  const having = (rows: { orderId: number }[]) => new Set(rows.map((row) => row.orderId));
  const [withLines, withHistory] = [having(lines), having(history)];
  const missing = (order: Order) =>
    [
      !withLines.has(order.id) && 'lines',
      !withHistory.has(order.id) && 'history',
      !emails.some((email) => email.subject.includes(order.number)) && 'email',
    ].filter(Boolean);
  return {
    numbers: new Set(orders.map((order) => order.number)),
    /** Orders missing a part, each as "number: parts missing". */
    halfWritten: orders.filter((order) => missing(order).length > 0).map((order) => `${order.number}: ${missing(order).join(', ')}`),
    unitsOrdered: lines.reduce((sum, line) => sum + line.quantity, 0),
    stockTaken: stockBefore - variant.stock,
  };
}
