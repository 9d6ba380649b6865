import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkoutFormIn, DELIVERY } from '../helpers/journeys.js';
import { aCoupon } from '../helpers/pricing.js';
import { Shopper } from '../helpers/shopper.js';
import { countStatementsPerRequest, type StatementCounter } from '../helpers/statement-counter.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * What placing an order costs the database, counted (never timed) on the driver this run uses: each
 * round trip is one every one of the 50 orders in flight waits for, so one added unawares (a read back
 * after an insert, a setting read per order, a query per line) shows here. Measured today for a
 * one-line cash-on-delivery order, 17 statements:
 *
 *   session read; the confirmation email's saved template (read beside the transaction, not in it);
 *   BEGIN; the cart locked (and readied for the cart reminder), then its lines with their variants, product
 *   and picture (one query), both in one round trip; the stock taken (one conditional update while the variant
 *   stays in stock); the product's units sold; the order; then, held back until the commit and sent in
 *   one round trip (statements.ts): the stock's ledger row, the order's lines (one insert), its receipt,
 *   its history, its payment record, the queued email and the cart emptied; COMMIT; the session storing
 *   the order it placed.
 *
 * On MySQL/MariaDB that is 10 round trips; on SQLite, in the shop's own process, each statement is sent
 * on its own. The pricing rules, the store settings (currency, shop name) and the cash-on-delivery risk
 * threshold come from the catalog cache: no statement.
 */
const ONE_LINE_ORDER = { statements: 17, mysqlRoundTrips: 10 };
/** A second line of another product: its stock, ledger row and units sold, and the products' bought-together counts (two); the ledger row waits for the commit. */
const PER_EXTRA_PRODUCT = { statements: 5, mysqlRoundTrips: 4 };
/** A coupon: its terms and categories, its use taken with a conditional update, and the use's row, which waits for the commit. */
const FOR_A_COUPON = { statements: 4, mysqlRoundTrips: 3 };

describe('SQL statements per placed order', () => {
  let shop: TestShop;
  let counter: StatementCounter;
  let kurta: ProductFixture;
  let dupatta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    counter = countStatementsPerRequest(shop);
    [kurta, dupatta] = [await aProduct(shop, { stock: 100 }), await aProduct(shop, { stock: 100 })];
    await aCoupon(shop, { code: 'COUNT10', percentBasisPoints: 1000 });
    // One order first: settings read once per cache generation (the risk threshold) are then in the cache, as they are for every order but the first.
    await placing([kurta]);
  });
  afterAll(() => shop.close());

  /** The statements of POST /checkout for a cart of these products (one each), with the coupon if given, once the page was seen. */
  async function placing(products: ProductFixture[], couponCode = ''): Promise<string[]> {
    const shopper = new Shopper(shop.baseUrl);
    for (const product of products) await addToCart(shopper, product);
    const page = await shopper.get('/checkout');
    const seen = couponCode ? await shopper.post('/checkout/totals', { ...checkoutFormIn(page.html), ...DELIVERY, couponCode }) : page;
    return counter.during(async () => {
      const placed = await shopper.post('/checkout', { ...checkoutFormIn(seen.html), ...DELIVERY, couponCode });
      expect(placed.status).toBe(303);
    });
  }
  /** The statements' beginnings, with the ids SQLite's driver writes inline taken out. */
  const listed = (statements: string[]) => statements.map((statement) => statement.slice(0, 80).replace(/\d+/g, 'N')).join('\n');
  /** What a request sent (each entry one round trip), as separate statements. */
  const statementsIn = (sent: string[]) => sent.flatMap((roundTrip) => roundTrip.split(';\n'));
  /** The round trips `cost` takes on this run's driver. */
  const roundTrips = (cost: { statements: number; mysqlRoundTrips: number }) =>
    shop.dataSource.options.type === 'better-sqlite3' ? cost.statements : cost.mysqlRoundTrips;

  it(`places a one-line order in ${ONE_LINE_ORDER.statements} statements, the next as the one before`, async () => {
    const first = await placing([kurta]);
    const second = await placing([kurta]);

    expect(listed(first)).toBe(listed(second));
    expect(statementsIn(first)).toHaveLength(ONE_LINE_ORDER.statements);
    expect(first).toHaveLength(roundTrips(ONE_LINE_ORDER));
    // Nothing is read back after it is written: the shop has every value it inserts.
    expect(statementsIn(first).filter((statement) => /^SELECT/.test(statement))).toHaveLength(3);
  });

  it(`adds ${PER_EXTRA_PRODUCT.statements} for a line of another product, and no read per line`, async () => {
    const twoLines = await placing([kurta, dupatta]);

    expect(statementsIn(twoLines)).toHaveLength(ONE_LINE_ORDER.statements + PER_EXTRA_PRODUCT.statements);
    expect(twoLines).toHaveLength(roundTrips(ONE_LINE_ORDER) + roundTrips(PER_EXTRA_PRODUCT));
    expect(statementsIn(twoLines).filter((statement) => /^SELECT/.test(statement))).toHaveLength(3);
  });

  it(`adds ${FOR_A_COUPON.statements} for a coupon`, async () => {
    const withCoupon = await placing([kurta], 'COUNT10');

    expect(statementsIn(withCoupon)).toHaveLength(ONE_LINE_ORDER.statements + FOR_A_COUPON.statements);
    expect(withCoupon).toHaveLength(roundTrips(ONE_LINE_ORDER) + roundTrips(FOR_A_COUPON));
  });
});
