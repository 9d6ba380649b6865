import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OutboxMessage, OutboxStatus } from '../../src/mail/entities/outbox-message.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper } from '../helpers/shopper.js';
import { TestSmtpServer } from '../helpers/smtp.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { onMySql, startShop, type TestShop } from '../helpers/test-shop.js';

const inAnHour = () => new Date(Date.now() + 60 * 60_000);

describe('order emails go through the outbox to a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let shop: TestShop;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail({ smtpRunning: false }));
  });
  afterAll(() => close());

  async function placeOrder(email: string): Promise<string> {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop, { name: 'Ravi Linen Shirt' }));
    const placed = await checkout(shopper, { email });
    expect(placed.status).toBe(303);
    return placed.location?.split('/')[2] as string;
  }

  it('keeps every confirmation while SMTP is down, then delivers each exactly once when it is back', async () => {
    const numbers = [];
    for (let i = 0; i < 5; i++) numbers.push(await placeOrder(`buyer${i}@example.test`));

    expect(await shop.get(OutboxWorker).deliverDue()).toBe(0);
    const waiting = await shop.dataSource.getRepository(OutboxMessage).findBy({ status: OutboxStatus.Pending });
    expect(waiting).toHaveLength(5);
    expect(waiting.every((m) => m.attempts === 1 && m.lastError)).toBe(true);

    await smtp.start();
    // A second call while a run is going joins it rather than sending again.
    const worker = shop.get(OutboxWorker);
    const [a, b] = await Promise.all([worker.deliverDue(inAnHour()), worker.deliverDue(inAnHour())]);
    expect([a, b]).toEqual([5, 5]);
    expect(await worker.deliverDue(inAnHour())).toBe(0);

    expect(smtp.received).toHaveLength(5);
    for (const [i, number] of numbers.entries()) {
      const mail = smtp.received.find((m) => m.to.includes(`buyer${i}@example.test`));
      expect(mail?.raw).toContain(`Your Anarkali order ${number}`);
      expect(mail?.raw).toContain('Ravi Linen Shirt');
    }
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ status: OutboxStatus.Sent })).toBe(5);
  });
});

describe('without SMTP_URL, mail is written to var/mail', () => {
  it('writes the order confirmation as an .eml file', async () => {
    const shop = await startShop({ MAIL_WORKER: '0' });
    try {
      const shopper = new Shopper(shop.baseUrl);
      await addToCart(shopper, await aProduct(shop));
      await checkout(shopper, { email: 'file@example.test' });
      expect(await shop.get(OutboxWorker).deliverDue()).toBe(1);
      const folder = path.join(shop.config.varDir, 'mail');
      const files = readdirSync(folder);
      expect(files).toHaveLength(1);
      expect(readFileSync(path.join(folder, files[0]), 'utf8')).toContain('To: file@example.test');
    } finally {
      await shop.close();
    }
  });
});

describe('two instances sharing one MySQL/MariaDB database', () => {
  const onMySqlOnly = onMySql() ? it : it.skip;

  onMySqlOnly('send each queued email exactly once when both workers run at the same moment', async () => {
    const smtp = await TestSmtpServer.onFreePort();
    await smtp.start();
    const first = await startShop({ SMTP_URL: smtp.url, MAIL_WORKER: '0' });
    const second = await startShop({ SMTP_URL: smtp.url, MAIL_WORKER: '0', DATABASE_URL: (first.config.database as { url: string }).url });
    try {
      const product = await aProduct(first, { stock: 50 });
      for (let i = 0; i < 20; i++) {
        const shopper = new Shopper(first.baseUrl);
        await addToCart(shopper, product);
        expect((await checkout(shopper, { email: `twin${i}@example.test` })).status).toBe(303);
      }
      const [a, b] = await Promise.all([first.get(OutboxWorker).deliverDue(), second.get(OutboxWorker).deliverDue()]);
      expect(a + b).toBe(20);
      expect(smtp.received).toHaveLength(20);
      expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(20);
    } finally {
      await second.close();
      await first.close();
      await smtp.stop();
    }
  });
});
