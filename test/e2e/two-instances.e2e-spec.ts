import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { LowStockDigest } from '../../src/admin/low-stock-digest.service.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { prepareDatabase } from '../../src/database/dialect.js';
import { OutboxMessage, OutboxStatus } from '../../src/mail/entities/outbox-message.entity.js';
import { OrderLine } from '../../src/orders/entities/order-line.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { catalogCacheReads } from '../helpers/catalog-cache-reads.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { FormOnPage } from '../helpers/forms.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { buildShop, type ShopProcess, spawnShop, untilReady } from '../helpers/shop-process.js';
import { type PageResponse, Shopper, textOf } from '../helpers/shopper.js';
import { TestSmtpServer } from '../helpers/smtp.js';
import { freshTestStorage, onMySql, OWNER, redisEnv, startShop, storageEnv } from '../helpers/test-shop.js';

/** Polls `check` every 50 ms for at most `withinMs`; answers how long it took to hold, or undefined if it never did. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started <= withinMs) {
    if (await check()) return Date.now() - started;
    await sleep(50);
  }
  return undefined;
}

// Two instances need a database server they share: an embedded SQLite file belongs to one process (the
// README's "several instances" needs MySQL or MariaDB). So this runs in CI's MariaDB run only.
const onSharedDatabase = onMySql() ? describe : describe.skip;

onSharedDatabase('two shop processes on one MariaDB database and one Redis, as behind a load balancer (skipped on SQLite: one file, one instance)', () => {
  let storage: ReturnType<typeof freshTestStorage>;
  let mail: TestSmtpServer;
  let verify: DataSource;
  let a: ShopProcess;
  let b: ShopProcess;
  let kurta: ProductFixture & { id: number };
  let lastUnits: ProductFixture;
  let runningLow: ProductFixture;

  beforeAll(async () => {
    buildShop();
    storage = freshTestStorage();
    mail = await TestSmtpServer.onFreePort();
    await mail.start();
    // The database, migrated, with the owner and the products, made by a shop in this process and closed.
    const setup = await startShop(storageEnv(storage.config));
    const made = await aProduct(setup, { name: 'Shared Lawn Kurta', priceMinor: 250_000, stock: 50 });
    kurta = { ...made, id: (await setup.dataSource.getRepository(Product).findOneByOrFail({ slug: made.slug })).id };
    lastUnits = await aProduct(setup, { name: 'Last Ten Kurta', stock: 10 });
    runningLow = await aProduct(setup, { name: 'Running Low Kurta', stock: 5, lowStockThreshold: 4 });
    await setup.close();

    // One Redis key prefix for both, as one shop's instances share it; each process runs its mail worker and jobs.
    const env = { ...storageEnv(storage.config), ...redisEnv(), SMTP_URL: mail.url, MAIL_WORKER: '1', JOBS: '1', LOG_LEVEL: 'warn' };
    [a, b] = await Promise.all([spawnShop(env), spawnShop(env)]);
    await Promise.all([untilReady(a.baseUrl, a.child), untilReady(b.baseUrl, b.child)]);
    verify = await new DataSource(dataSourceOptions(await prepareDatabase(storage.config.database))).initialize();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await verify?.destroy();
    await mail?.stop();
    await storage?.remove();
  });

  afterEach(() => {
    // Nothing either process said on standard error goes unnoticed (a crash, an unhandled rejection).
    expect([a.stderr(), b.stderr()]).toEqual(['', '']);
  });

  it('lets a shopper signed in on one carry on on the other: the same session, cart and account', async () => {
    const onA = new Shopper(a.baseUrl);
    await registerAndSignIn(onA, { name: 'Sana Iqbal', email: 'sana@example.test', password: 'a-long-enough-password' });
    // The same browser, sent to the other instance by the load balancer (cookies do not depend on the port).
    const onB = onA.on(b.baseUrl);

    expect((await addToCart(onB, kurta)).status).toBe(303);
    const account = await onB.get('/account');
    expect(account.status).toBe(200);
    expect(textOf(account.html)).toContain('sana@example.test');
    const cart = await onA.get('/cart');
    expect(textOf(cart.html)).toContain('Shared Lawn Kurta');
  });

  it("shows a price changed in one instance's admin on the other's product page after a short bounded wait", async () => {
    const visitorOnB = new Shopper(b.baseUrl);
    // B has the page cached before the change.
    expect(textOf((await visitorOnB.get(`/products/${kurta.slug}`)).html)).toContain('Rs 2,500');
    const owner = new Shopper(a.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    const editor = await owner.get(`/admin/products/${kurta.id}`);
    const form = FormOnPage.in(editor.html, 'data-product-editor').set(FormOnPage.cellName(editor.html, 'M / Indigo', 'price'), '2,199.00');
    expect((await owner.postForm(form.action, form.submission('save'))).status).toBe(303);

    const tookMs = await within(3_000, async () => textOf((await visitorOnB.get(`/products/${kurta.slug}`)).html).includes('Rs 2,199'));
    console.log(`two instances: the new price reached the other instance's product page after ${tookMs} ms`);
    expect(tookMs).toBeDefined();
    expect(textOf((await visitorOnB.get(`/products/${kurta.slug}`)).html)).not.toContain('Rs 2,500');
  });

  it("shows a sale on one as the new stock label on the other's product page, its listing still answered from the cache", async () => {
    const visitorOnB = new Shopper(b.baseUrl);
    const listing = `/categories/${runningLow.categorySlug}`;
    for (let visit = 0; visit < 2; visit++) {
      expect(textOf((await visitorOnB.get(`/products/${runningLow.slug}`)).html)).toContain('In stock');
      expect(textOf((await visitorOnB.get(listing)).html)).toContain('Running Low Kurta');
    }
    const buyer = new Shopper(a.baseUrl);
    expect((await addToCart(buyer, runningLow)).status).toBe(303);
    expect((await checkout(buyer, { email: 'running-low@example.test' })).status).toBe(303); // 5 → 4: "Only 4 left"

    const tookMs = await within(3_000, async () => textOf((await visitorOnB.get(`/products/${runningLow.slug}`)).html).includes('Only 4 left'));
    console.log(`two instances: a new stock label reached the other instance's product page after ${tookMs} ms`);
    expect(tookMs).toBeDefined();
    const before = await catalogCacheReads(b.baseUrl);
    expect(textOf((await visitorOnB.get(listing)).html)).not.toContain('Sold out');
    const after = await catalogCacheReads(b.baseUrl);
    expect({ hits: after.hit > before.hit, misses: after.miss - before.miss }).toEqual({ hits: true, misses: 0 });
  });

  it('sells the last 10 units once to 100 shoppers checking out over both at once, and emails each confirmation once', async () => {
    const buyOne = async (i: number): Promise<PageResponse[]> => {
      const shopper = new Shopper((i % 2 === 0 ? a : b).baseUrl);
      const added = await addToCart(shopper, lastUnits);
      if (added.status !== 303) return [added];
      return [added, await checkout(shopper, { email: `buyer${i}@example.test` })];
    };
    const answers = (await Promise.all(Array.from({ length: 100 }, (_, i) => buyOne(i)))).flat();

    expect(answers.filter((answer) => answer.status >= 500).map((answer) => answer.status)).toEqual([]);
    const confirmed = answers.filter((answer) => answer.status === 303 && /^\/orders\/[^/]+\/confirmation$/.test(answer.location ?? ''));
    expect(confirmed).toHaveLength(10);
    const variant = await verify.getRepository(Variant).findOneByOrFail({ id: lastUnits.variantIds[0] });
    expect(variant.stock).toBe(0);
    const lines = await verify.getRepository(OrderLine).findBy({ variantId: lastUnits.variantIds[0] });
    expect(lines.reduce((units, line) => units + line.quantity, 0)).toBe(10);
    expect(new Set(lines.map((line) => line.orderId)).size).toBe(10);

    // Both mail workers poll the one outbox: every message goes out, each exactly once.
    const outbox = verify.getRepository(OutboxMessage);
    const drained = await within(30_000, async () => (await outbox.countBy({ status: OutboxStatus.Pending })) === 0);
    expect(drained).toBeDefined();
    await sleep(2_500); // one more poll of each worker: nothing may be sent again
    const buyers = mail.received.flatMap((message) => message.to).filter((to) => /^buyer\d+@example\.test$/.test(to));
    expect(buyers).toHaveLength(10);
    expect(new Set(buyers).size).toBe(10);
    expect(mail.received).toHaveLength(await outbox.countBy({ status: OutboxStatus.Sent }));
  });

  it('counts failed sign-ins on one against sign-ins on the other', async () => {
    const customer = { name: 'Hina Raza', email: 'hina@example.test', password: 'a-long-enough-password' };
    await registerAndSignIn(new Shopper(b.baseUrl), customer);
    for (let i = 1; i <= 5; i++) {
      const wrong = await new Shopper((i % 2 === 0 ? a : b).baseUrl).submit('/login', '/login', { email: customer.email, password: `wrong ${i}` });
      expect(wrong.status).toBe(422);
    }
    // Three failures on B and two on A: the sixth try, on A, is over the limit of five.
    const sixth = await new Shopper(a.baseUrl).submit('/login', '/login', { email: customer.email, password: customer.password });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("queues the owner's daily low-stock digest once when both instances run the job at once, and one of them sends it", async () => {
    // Stock ran out in the test before (the last ten units), so the digest has something to say.
    // The job's entry point on two more instances of the same database (the processes run it every ten
    // minutes, too long to wait for here); the processes' mail workers deliver what it queues.
    const env = { ...storageEnv(storage.config), MAIL_WORKER: '0' };
    const [x, y] = [await startShop(env), await startShop(env)];
    try {
      const morning = new Date(Date.now() + 24 * 3_600_000);
      morning.setUTCHours(6, 0, 0, 0); // 11:00 in Karachi, the store's default time zone
      const outcomes = await Promise.all([x.get(LowStockDigest).sendIfDue(morning), y.get(LowStockDigest).sendIfDue(morning)]);
      expect(outcomes.sort()).toEqual([false, true]);
    } finally {
      await y.close();
      await x.close();
    }
    const outbox = verify.getRepository(OutboxMessage);
    expect(await outbox.countBy({ kind: 'low_stock_digest' })).toBe(1);
    const sent = await within(15_000, async () => (await outbox.countBy({ kind: 'low_stock_digest', status: OutboxStatus.Sent })) === 1);
    expect(sent).toBeDefined();
    await sleep(2_500);
    expect(mail.received.filter((message) => message.to.includes(OWNER.email) && message.raw.includes('Subject: Low stock on'))).toHaveLength(1);
  });
});
