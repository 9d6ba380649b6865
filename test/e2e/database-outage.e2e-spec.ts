import { setTimeout as sleep } from 'node:timers/promises';
import { checkoutLoad, orderIntegrity, statusCounts } from '../helpers/checkout-load.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { OwnMariaDb, ownMariaDbMissing } from '../helpers/mariadb-server.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const STOCK = 10_000;
/** How long the database stays away. */
const OUTAGE_MS = 3_000;

const missing = ownMariaDbMissing();
if (missing && process.env.CI === 'true') throw new Error(`The database outage test needs a MariaDB server of its own: ${missing}`);
if (missing) console.warn(`\n  SKIPPED: the database outage test needs a MariaDB server of its own, and ${missing} (apt-get install mariadb-server)\n`);

async function until(what: string, condition: () => boolean, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(20);
  }
  return Date.now();
}

(missing ? describe.skip : describe)('a shop whose MariaDB server dies and comes back in the middle of a checkout load', () => {
  let database: OwnMariaDb;
  let shop: TestShop | undefined;

  beforeAll(async () => {
    database = await OwnMariaDb.create();
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
    await database?.remove();
  });

  it('answers 503 with Retry-After (never 500) while it is away, serves cached catalog pages, and serves again by itself: every confirmed order is there, whole', async () => {
    shop = await startShop({ DATABASE_URL: database.url('anarkali_outage'), DB_ACQUIRE_TIMEOUT_MS: '2000' });
    const product = await aProduct(shop, { stock: STOCK });
    // A visitor who only browses reads the product page from the catalog cache once it has been read.
    const visitor = new Shopper(shop.baseUrl);
    expect((await visitor.get(`/products/${product.slug}`)).status).toBe(200);
    const withCart = new Shopper(shop.baseUrl);
    await addToCart(withCart, product);

    const load = checkoutLoad(shop.baseUrl, product, 8);
    await until('ten orders', () => load.tally.confirmed.size >= 10);

    const killedAt = Date.now();
    await database.kill();
    const duringOutage: { cachedPage: number[]; cart: { status: number; retryAfter: string | null; text: string }[]; ready: number[] } = {
      cachedPage: [],
      cart: [],
      ready: [],
    };
    while (Date.now() - killedAt < OUTAGE_MS) {
      duringOutage.cachedPage.push((await visitor.get(`/products/${product.slug}`)).status);
      const cart = await withCart.get('/cart');
      duringOutage.cart.push({ status: cart.status, retryAfter: cart.headers.get('retry-after'), text: textOf(cart.html) });
      duringOutage.ready.push((await fetch(`${shop.baseUrl}/health/ready`)).status);
      await sleep(200);
    }
    await database.start();
    const backAt = Date.now();
    const recoveredAt = await until('an order placed after the database came back', () =>
      load.tally.answers.some((answer) => answer.path === 'POST /checkout' && answer.status === 303 && answer.at > backAt),
    );
    const confirmedWhenBack = load.tally.confirmed.size;
    await until('ten more orders', () => load.tally.confirmed.size >= confirmedWhenBack + 10);
    await load.stop();

    const found = await orderIntegrity(shop.dataSource, product, STOCK);
    const shown = [...load.tally.confirmed, ...load.tally.redirected];
    console.log(
      `database outage: ${JSON.stringify({
        ordersShownConfirmed: load.tally.confirmed.size,
        ordersRedirectedToConfirmation: load.tally.redirected.size,
        ordersFound: found.numbers.size,
        databaseAwayMs: backAt - killedAt,
        answersDuringOutage: statusCounts(load.tally, killedAt, backAt),
        answersAfterRestart: statusCounts(load.tally, backAt),
        restartToFirstOrderMs: recoveredAt - backAt,
        // Seen once in several runs on MariaDB: a connection closed without an answer as the server died (see the closing note).
        unanswered: load.tally.noAnswer.map((request) => ({ path: request.path, error: request.error, msAfterKill: request.at - killedAt })),
        cachedPageDuringOutage: duringOutage.cachedPage,
        readinessDuringOutage: duringOutage.ready,
      })}`,
    );

    expect(load.tally.answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    expect(statusCounts(load.tally, killedAt + 100, backAt)[503]).toBeGreaterThan(0);
    expect(new Set(duringOutage.cachedPage)).toEqual(new Set([200]));
    expect(duringOutage.cart.every((cart) => cart.status === 503 && cart.retryAfter === '5' && cart.text.includes('Please try again in a few seconds'))).toBe(
      true,
    );
    expect(new Set(duringOutage.ready)).toEqual(new Set([503]));
    expect((await fetch(`${shop.baseUrl}/health/ready`)).status).toBe(200);
    expect(shown.filter((number) => !found.numbers.has(number))).toEqual([]);
    expect(found.halfWritten).toEqual([]);
    expect(found.stockTaken).toBe(found.unitsOrdered);
  });
});
