import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { mailText, TestSmtpServer } from './smtp.js';
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
export async function startShopWithMail(options: { smtpRunning?: boolean; env?: Record<string, string> } = {}): Promise<ShopWithMail> {
  const smtp = await TestSmtpServer.onFreePort();
  if (options.smtpRunning ?? true) await smtp.start();
  const shop = await startShop({ ...options.env, SMTP_URL: smtp.url, MAIL_WORKER: '0' });
  return {
    shop,
    smtp,
    async close() {
      await shop.close();
      await smtp.stop();
    },
  };
}

/** Sends what the outbox holds, then the text of the newest message to `to` with this subject (throws when there is none). */
export async function newestMail({ shop, smtp }: Pick<ShopWithMail, 'shop' | 'smtp'>, to: string, subject: string): Promise<string> {
  await shop.get(OutboxWorker).deliverDue();
  const mail = smtp.received.filter((m) => m.to.includes(to) && m.raw.includes(`Subject: ${subject}`)).at(-1);
  if (!mail) throw new Error(`no email "${subject}" to ${to}`);
  return mailText(mail);
}

/** The path of the first link in `text` to this shop that starts with `path` (/password/reset/, /email/verify/). */
export function linkIn(text: string, shop: TestShop, path: string): string {
  const link = text.split(/\s+/).find((word) => word.startsWith(`${shop.config.publicUrl}${path}`));
  if (!link) throw new Error(`no ${path} link in:\n${text}`);
  return link.slice(shop.config.publicUrl.length);
}
