import { TestSmtpServer } from './smtp.js';
import { startShop, type TestShop } from './test-shop.js';

export interface ShopWithMail {
  shop: TestShop;
  smtp: TestSmtpServer;
  close(): Promise<void>;
}

/**
 * A shop whose mail goes to a real SMTP server on a free loopback port. The background worker is off:
 * tests send with `shop.get(OutboxWorker).deliverDue()` so they decide when mail goes out.
 */
export async function startShopWithMail(options: { smtpRunning?: boolean } = {}): Promise<ShopWithMail> {
  const smtp = await TestSmtpServer.onFreePort();
  if (options.smtpRunning ?? true) await smtp.start();
  const shop = await startShop({ SMTP_URL: smtp.url, MAIL_WORKER: '0' });
  return {
    shop,
    smtp,
    async close() {
      await shop.close();
      await smtp.stop();
    },
  };
}
