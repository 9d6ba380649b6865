import { setTimeout as sleep } from 'node:timers/promises';
import type { ProductFixture } from './factories.js';
import { addToCart, checkout } from './journeys.js';
import { Shopper } from './shopper.js';

/** An order a shopper was shown as placed: the 303 to its confirmation had arrived by `confirmedAt`. */
export interface ConfirmedOrder {
  number: string;
  confirmedAt: number;
  shopper: Shopper;
}

/**
 * Shoppers buying `product` one unit at a time, each again and again, over real HTTP, until stop():
 * `confirmed` grows as their orders are confirmed. Anything but a confirmation fails the load (stop()
 * then rejects), since nothing here should sell out or fail.
 */
export function checkoutLoad(baseUrl: string, product: ProductFixture, shoppers: number) {
  const confirmed: ConfirmedOrder[] = [];
  let stopping = false;
  const buyer = async (shopper: Shopper) => {
    while (!stopping) {
      const added = await addToCart(shopper, product);
      if (added.status !== 303) throw new Error(`adding to the cart answered ${added.status}`);
      const placed = await checkout(shopper);
      const number = /^\/orders\/([^/]+)\/confirmation$/.exec(placed.location ?? '')?.[1];
      if (placed.status !== 303 || !number) throw new Error(`a checkout answered ${placed.status} ${placed.location ?? placed.html.slice(0, 200)}`);
      confirmed.push({ number, confirmedAt: performance.now(), shopper });
    }
  };
  const running = Promise.all(Array.from({ length: shoppers }, () => buyer(new Shopper(baseUrl))));
  // An early failure would otherwise be reported only at stop().
  running.catch(() => undefined);
  return {
    confirmed,
    /** Waits until `count` orders are confirmed in all (at most `withinMs`, then fails). */
    async untilConfirmed(count: number, withinMs = 30_000): Promise<void> {
      const deadline = performance.now() + withinMs;
      while (confirmed.length < count) {
        if (performance.now() > deadline) throw new Error(`only ${confirmed.length} of ${count} orders confirmed within ${withinMs} ms`);
        await Promise.race([sleep(10), running]);
      }
    },
    /** Lets every shopper finish the checkout in hand, then stops; rejects if any failed. */
    async stop(): Promise<ConfirmedOrder[]> {
      stopping = true;
      await running;
      return confirmed;
    },
  };
}
