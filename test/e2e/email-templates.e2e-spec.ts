import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { EmailTemplate } from '../../src/mail/entities/email-template.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { mailHtml, mailText, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.js';
import { addStaffMember } from '../helpers/staff.js';
import { OWNER, type TestShop } from '../helpers/test-shop.js';

const EDITOR = '/admin/settings/emails/order_confirmation';
const EDITED = {
  subject: 'Order {{orderNumber}} is in, {{customerName}}!',
  html: '<p>Salaam {{customerName}},</p>\n{{#each lines}}<p>{{product}}: {{total}}</p>{{/each}}\n<p>{{delivery.city}}</p>',
  text: 'Salaam {{customerName}},\n{{#each lines}}\n- {{product}}: {{total}}\n{{/each}}\nTo {{delivery.city}}',
};

/** What the editor's field holds, as the browser reads it (a textarea drops the newline right after its tag). */
function typedIn(html: string, field: 'subject' | 'html' | 'text'): string | undefined {
  const held =
    field === 'subject'
      ? /id="subject" name="subject" type="text" value="([^"]*)"/.exec(html)
      : new RegExp(`<textarea id="${field}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(html);
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`', '&amp;': '&' };
  return held?.[1].replace(/&(?:lt|gt|quot|amp|#x27|#x3D|#x60);/g, (entity) => entities[entity]);
}

describe('the owner edits the emails the shop sends', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  let owner: Shopper;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => close());

  const saved = () => shop.dataSource.getRepository(EmailTemplate).find();
  const audited = (action: string) => shop.dataSource.getRepository(AuditEntry).find({ where: { action }, order: { id: 'ASC' } });
  const save = (fields: Record<string, string>, path = EDITOR) => owner.submit(path, path, fields);

  /** A guest's order to `email`; answers the confirmation that arrived. */
  async function confirmationTo(email: string): Promise<{ number: string; mail: ReceivedMail }> {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop, { name: 'Lawn Kurta' }));
    const number = (await checkout(shopper, { email, fullName: 'Ayesha Khan' })).location?.split('/')[2] as string;
    await shop.get(OutboxWorker).deliverDue();
    const mail = smtp.received.filter((m) => m.to.includes(email)).at(-1);
    if (!mail) throw new Error(`no email to ${email}`);
    return { number, mail };
  }

  it('lists the emails, each with its editor showing the default template and what it can use', async () => {
    const list = await owner.get('/admin/settings/emails');
    expect(list.status).toBe(200);
    for (const title of ['Order confirmation', 'Confirm your email', 'Password reset', 'Account already exists', 'Staff invitation'])
      expect(textOf(list.html)).toContain(title);
    expect(list.html).toContain(`href="${EDITOR}"`);
    expect(textOf((await owner.get('/admin/settings/security')).html)).toContain('Emails');

    const editor = await owner.get(EDITOR);
    expect(editor.status).toBe(200);
    expect(editor.html).toContain('value="Your {{shopName}} order {{orderNumber}}"');
    expect(textOf(editor.html)).toContain('{{#each lines}} … {{/each}}');
    expect(textOf(editor.html)).toContain('{{delivery.city}}');
  });

  it('previews the sample order from the draft, in a sandboxed frame, without saving it', async () => {
    const page = await owner.submit(EDITOR, `${EDITOR}/preview`, EDITED);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Subject: Order AK-7KQ2M9XD is in, Ayesha Khan!');
    const frame = /<iframe[^>]*>/.exec(page.html)?.[0] ?? '';
    expect(frame).toContain('sandbox=""');
    // The email's HTML travels in the attribute escaped once more: it is text to the editor's page.
    expect(frame).toContain('srcdoc="&lt;!doctype html&gt;');
    expect(frame).toContain('&lt;p&gt;Basant Block-Print Kurta: Rs');
    expect(/<pre class="email-preview__text">([\s\S]*?)<\/pre>/.exec(page.html)?.[1]).toContain('- Ravi Silk Dupatta: Rs');
    // The draft stays in the form, to go on editing.
    expect(page.html).toContain('Salaam {{customerName}},');
    expect(await saved()).toEqual([]);
  });

  it('uses a saved template for the next email, and the default again once it is restored; each audited', async () => {
    const saving = await save(EDITED);
    expect(saving).toMatchObject({ status: 303, location: EDITOR });
    expect(textOf((await owner.follow(saving)).html)).toContain('Saved. The next “Order confirmation” email uses this template.');
    expect(textOf((await owner.get('/admin/settings/emails')).html)).toMatch(/Order confirmation .* Edited \d/);

    const edited = await confirmationTo('edited@example.test');
    expect(edited.mail.raw).toContain(`Subject: Order ${edited.number} is in, Ayesha Khan!`);
    expect(mailText(edited.mail)).toBe('Salaam Ayesha Khan,\n- Lawn Kurta: Rs\u00a02,500\nTo Lahore');
    expect(mailHtml(edited.mail)).toContain('<p>Salaam Ayesha Khan,</p>\n<p>Lawn Kurta: Rs\u00a02,500</p>\n<p>Lahore</p>');

    const [update] = await audited('email_template.updated');
    expect(update).toMatchObject({ actorEmail: OWNER.email, subjectType: 'email_template', subjectId: 'order_confirmation' });
    expect(JSON.parse(update.before ?? '')).toMatchObject({ subject: 'Your {{shopName}} order {{orderNumber}}', html: expect.stringContaining('<h1>') });
    expect(JSON.parse(update.after ?? '')).toEqual(EDITED);

    const restoring = await owner.submit(EDITOR, `${EDITOR}/restore`, {});
    expect(restoring).toMatchObject({ status: 303, location: EDITOR });
    expect(textOf((await owner.follow(restoring)).html)).toContain('The default “Order confirmation” template is back.');
    expect(await saved()).toEqual([]);
    const restored = await confirmationTo('restored@example.test');
    expect(restored.mail.raw).toContain(`Subject: Your Anarkali order ${restored.number}`);
    expect(mailText(restored.mail)).toContain(`Thank you for your order ${restored.number}.`);

    const [restore] = await audited('email_template.restored');
    expect(JSON.parse(restore.before ?? '')).toEqual(EDITED);
    expect(JSON.parse(restore.after ?? '')).toMatchObject({ subject: 'Your {{shopName}} order {{orderNumber}}' });

    // Restoring what is already the default changes nothing and records nothing.
    expect(textOf((await owner.follow(await owner.submit(EDITOR, `${EDITOR}/restore`, {}))).html)).toContain('already uses the default');
    expect(await audited('email_template.restored')).toHaveLength(1);
  });

  it.each([
    ['does not compile', { html: '<p>Dear {{customerName}},</p>\n<p>Order {{orderNumber}</p>' }, /Line 2: this does not compile near/],
    [
      'uses a value the email does not have',
      { text: 'Dear {{customerName}},\n\nYour gift note: {{giftNote}}' },
      /Line 3: \{\{giftNote\}\} is not a value of this email/,
    ],
    [
      'prints a value unescaped in the HTML',
      { html: '<p>{{{customerName}}}</p>' },
      /Line 1: \{\{\{customerName\}\}\} would print its value without escaping it/,
    ],
    ['calls a helper', { subject: 'Order {{lookup orderNumber 0}}' }, /Line 1: \{\{lookup\}\} with values after it calls a helper/],
  ])('refuses a template that %s with 422, naming the line and keeping what was typed; nothing saved', async (_, change, message) => {
    const draft = { ...EDITED, ...change };
    for (const path of [EDITOR, `${EDITOR}/preview`]) {
      const refused = await owner.submit(EDITOR, path, draft);
      expect(refused.status).toBe(422);
      expect(textOf(refused.html)).toMatch(message);
      expect(refused.html).toContain('aria-invalid="true"');
      expect(refused.html).not.toContain('<iframe');
      for (const field of ['subject', 'html', 'text'] as const) expect(typedIn(refused.html, field)).toBe(draft[field]);
    }
    expect(await saved()).toEqual([]);
  });

  it('asks for each part when one is left empty', async () => {
    const refused = await save({ ...EDITED, subject: '  ', text: '' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Please write a subject of at most 255 characters');
    expect(textOf(refused.html)).toContain('Please write a text body');
    expect(await saved()).toEqual([]);
  });

  it('answers 404 for an email the shop does not send', async () => {
    expect((await owner.get('/admin/settings/emails/birthday_wishes')).status).toBe(404);
    const token = csrfTokenIn((await owner.get(EDITOR)).html);
    for (const path of ['', '/preview', '/restore'])
      expect((await owner.post(`/admin/settings/emails/birthday_wishes${path}`, { _csrf: token, ...EDITED })).status).toBe(404);
  });

  it('keeps staff out: 403 on the list, the editor, and every write', async () => {
    const staff = await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: 'a-long-enough-password' });
    expect((await staff.get('/admin/settings/emails')).status).toBe(403);
    expect((await staff.get(EDITOR)).status).toBe(403);
    const token = csrfTokenIn((await staff.get('/admin/orders')).html);
    for (const path of [EDITOR, `${EDITOR}/preview`, `${EDITOR}/restore`]) expect((await staff.post(path, { _csrf: token, ...EDITED })).status).toBe(403);
    expect(await saved()).toEqual([]);
  });
});
