import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AuthService } from '../../src/auth/auth.service.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { EmailTemplate } from '../../src/mail/entities/email-template.entity.js';
import { OutboxMessage, OutboxStatus } from '../../src/mail/entities/outbox-message.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { SettingsService } from '../../src/settings/settings.service.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { Shopper } from '../helpers/shopper.js';
import { mailHtml, mailText, partTypes, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.js';
import { invite } from '../helpers/staff.js';
import { OWNER, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const YEAR_MS = 365 * 24 * 60 * 60_000;

describe('every email goes out with a text part and an HTML part, rendered when it was queued', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
  });
  afterAll(() => close());
  afterEach(() => jest.restoreAllMocks());

  /** Sends what the outbox holds; the newest message to `to` whose subject starts so. */
  async function newest(to: string, subject: string): Promise<ReceivedMail> {
    await shop.get(OutboxWorker).deliverDue(new Date(Date.now() + YEAR_MS));
    const mail = smtp.received.filter((m) => m.to.includes(to) && m.raw.includes(`Subject: ${subject}`)).at(-1);
    if (!mail) throw new Error(`no email "${subject}…" to ${to}`);
    return mail;
  }

  async function placeOrder(email: string, fullName: string): Promise<string> {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop, { name: 'Ravi Linen & Silk Shirt' }));
    const placed = await checkout(shopper, { email, fullName });
    expect(placed.status).toBe(303);
    return placed.location?.split('/')[2] as string;
  }

  it('sends the order confirmation as multipart/alternative, each value escaped in the HTML and as typed in the text', async () => {
    const number = await placeOrder('escaped@example.test', 'Ayesha <b>Khan</b>');
    const mail = await newest('escaped@example.test', `Your Anarkali order ${number}`);
    expect(mail.raw).toMatch(/^content-type: multipart\/alternative/im);
    expect(partTypes(mail)).toEqual(['text/plain', 'text/html']);

    const text = mailText(mail);
    expect(text).toContain('Dear Ayesha <b>Khan</b>,');
    // Money keeps its no-break space between "Rs" and the amount.
    expect(text).toContain('1 × Ravi Linen & Silk Shirt (M / Indigo)  Rs\u00a02,500');
    const html = mailHtml(mail);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<title>Your Anarkali order ${number}</title>`);
    expect(html).toContain('<p>Dear Ayesha &lt;b&gt;Khan&lt;/b&gt;,</p>');
    expect(html).toContain('Ravi Linen &amp; Silk Shirt');
    expect(html).not.toContain('<b>Khan');

    // What went out is what the outbox held: both parts were rendered when the order was placed.
    const row = await shop.dataSource.getRepository(OutboxMessage).findOneByOrFail({ recipient: 'escaped@example.test' });
    expect(row.body).toBe(text);
    expect(row.html).toBe(html);
  });

  it('sends the account emails and the staff invitation with both parts, their links in each', async () => {
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    await shop.get(AuthService).register({ name: 'Hina & Co', email: 'hina@example.test', password: PASSWORD });
    await new Shopper(shop.baseUrl).submit('/register', '/register', { name: 'Someone Else', email: 'hina@example.test', password: PASSWORD });
    await new Shopper(shop.baseUrl).submit('/password/forgot', '/password/forgot', { email: 'hina@example.test' });
    expect((await invite(owner, 'newstaff@example.test')).status).toBe(303);

    const emails = [
      { to: 'hina@example.test', subject: 'Confirm your email address for Anarkali', link: '/email/verify/' },
      { to: 'hina@example.test', subject: 'Someone tried to create an account at Anarkali with your email', link: '/password/forgot' },
      { to: 'hina@example.test', subject: 'Reset your Anarkali password', link: '/password/reset/' },
      { to: 'newstaff@example.test', subject: 'You are invited to join the staff of Anarkali', link: '/staff/invitations/' },
    ];
    for (const { to, subject, link } of emails) {
      const mail = await newest(to, subject);
      expect({ subject, parts: partTypes(mail) }).toEqual({ subject, parts: ['text/plain', 'text/html'] });
      expect(mailText(mail)).toContain(`${shop.config.publicUrl}${link}`);
      expect(mailHtml(mail)).toContain(`href="${shop.config.publicUrl}${link}`);
    }
    expect(mailHtml(await newest('hina@example.test', 'Reset your Anarkali password'))).toContain('Dear Hina &amp; Co,');
  });

  it('keeps the HTML part in the outbox while the server refuses, and sends it on the retry', async () => {
    smtp.refusedRecipients.add('retry@example.test');
    const number = await placeOrder('retry@example.test', 'Sana Retry');
    expect(await shop.get(OutboxWorker).deliverDue()).toBe(0);
    const waiting = await shop.dataSource.getRepository(OutboxMessage).findOneByOrFail({ recipient: 'retry@example.test' });
    expect(waiting).toMatchObject({ status: OutboxStatus.Pending, attempts: 1 });
    expect(waiting.html).toContain(number);

    smtp.refusedRecipients.clear();
    const mail = await newest('retry@example.test', `Your Anarkali order ${number}`);
    expect(partTypes(mail)).toEqual(['text/plain', 'text/html']);
    expect(mailHtml(mail)).toBe(waiting.html);
  });

  it('falls back to the default when a saved template fails all the same at send time, logs it, and loses no email', async () => {
    // A template that passed the checks once, broken since (as by an upgrade of Handlebars): it calls a helper.
    await shop.dataSource.getRepository(EmailTemplate).insert({
      kind: 'reset_password',
      subject: 'Broken {{shout name}}',
      html: '<p>{{shout name}}</p>',
      text: '{{shout name}}',
      updatedAt: new Date(),
      updatedByUserId: 1,
    });
    const logged = jest.spyOn(Logger.prototype, 'error');
    await shop.get(AuthService).register({ name: 'Zara Fallback', email: 'zara@example.test', password: PASSWORD });
    await new Shopper(shop.baseUrl).submit('/password/forgot', '/password/forgot', { email: 'zara@example.test' });

    const mail = await newest('zara@example.test', 'Reset your Anarkali password');
    expect(mailText(mail)).toContain('Dear Zara Fallback,');
    expect(partTypes(mail)).toEqual(['text/plain', 'text/html']);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ event: 'email_template_failed', kind: 'reset_password' }));
    await shop.dataSource.getRepository(EmailTemplate).delete({ kind: 'reset_password' });
  });

  it('signs every email with the shop name the owner set, from the moment it is saved', async () => {
    const owner = await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email });
    await shop.dataSource.transaction((manager) =>
      shop.get(SettingsService).saveStoreSettings(manager, { shopName: 'Gulmohar Lawn' }, { userId: owner.id, email: owner.email, ip: '127.0.0.1' }),
    );
    await shop.get(AuthService).register({ name: 'Sana Renamed', email: 'sana.renamed@example.test', password: PASSWORD });
    await new Shopper(shop.baseUrl).submit('/password/forgot', '/password/forgot', { email: 'sana.renamed@example.test' });

    const mail = await newest('sana.renamed@example.test', 'Reset your Gulmohar Lawn password');
    expect(mailText(mail)).not.toContain('Anarkali');
    await shop.dataSource.transaction((manager) =>
      shop.get(SettingsService).saveStoreSettings(manager, { shopName: 'Anarkali' }, { userId: owner.id, email: owner.email, ip: '127.0.0.1' }),
    );
  });
});
