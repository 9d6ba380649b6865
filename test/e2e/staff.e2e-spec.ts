import { createHash, randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service.js';
import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { StaffInvitation } from '../../src/auth/entities/staff-invitation.entity.js';
import { Role, User } from '../../src/auth/entities/user.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { SettingsService } from '../../src/settings/settings.service.js';
import { date } from '../../src/views/helpers/date.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { csrfTokenIn, decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { mailText, type TestSmtpServer } from '../helpers/smtp.js';
import { addStaffMember, invitationPathIn, invite, queuedInvitationPath } from '../helpers/staff.js';
import { OWNER, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const INVITATION_SUBJECT = 'Subject: You are invited to join the staff of Anarkali';
const DAY_MS = 24 * 60 * 60_000;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const tokenOf = (link: string) => link.split('/').at(-1) as string;

describe('the owner invites staff at /admin/staff', () => {
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
  afterEach(() => jest.restoreAllMocks());

  const users = () => shop.dataSource.getRepository(User);
  const invitations = () => shop.dataSource.getRepository(StaffInvitation);

  async function signedIn(email: string, password = PASSWORD): Promise<Shopper> {
    const shopper = new Shopper(shop.baseUrl);
    expect((await shopper.submit('/login', '/login', { email, password })).status).toBe(303);
    return shopper;
  }

  /** A browser that registered through the form and then signed in, as a visitor does. */
  async function registered(name: string, email: string, password = PASSWORD): Promise<Shopper> {
    const shopper = new Shopper(shop.baseUrl);
    await registerAndSignIn(shopper, { name, email, password });
    return shopper;
  }

  /** Sends what the outbox holds to the test SMTP server, and answers the messages `email` received with this subject. */
  async function inbox(email: string, subject: string) {
    await shop.get(OutboxWorker).deliverDue();
    return smtp.received.filter((mail) => mail.to.includes(email) && mail.raw.includes(subject));
  }

  /** The link in the newest invitation email `email` received, read from the SMTP server. */
  async function emailedInvitation(email: string): Promise<string> {
    const mail = (await inbox(email, INVITATION_SUBJECT)).at(-1);
    if (!mail) throw new Error(`no invitation email to ${email}`);
    return invitationPathIn(mailText(mail));
  }

  /** Opens the link and submits the page's form as the person holding it would. */
  function join(browser: Shopper, link: string, fields: Record<string, string> = {}) {
    return browser.submit(link, link, fields);
  }

  const pending = (email: string) => invitations().findOneByOrFail({ email, acceptedAt: IsNull(), withdrawnAt: IsNull() });
  const events = (logged: jest.Spied<Logger['log']>) => logged.mock.calls.map(([entry]) => entry as Record<string, unknown>);

  it('gives no staff access to an account registered in advance with the invitee’s address, until its real owner takes it back and accepts', async () => {
    // Someone who knows who will be hired registers the address with a password of their own.
    const impostor = await registered('Nadia', 'nadia@example.test', 'impostor-password-99');
    expect((await users().findOneByOrFail({ email: 'nadia@example.test' })).emailVerifiedAt).toBeNull();

    expect((await invite(owner, 'nadia@example.test')).status).toBe(303);
    expect((await impostor.get('/admin/orders')).status).toBe(403);
    expect((await users().findOneByOrFail({ email: 'nadia@example.test' })).role).toBe(Role.Customer);
    expect((await owner.get('/admin/staff')).html).toContain('<td>nadia@example.test</td>');

    // Signed in as the account, but without the link, there is nothing to accept.
    const guessed = `/staff/invitations/${randomBytes(32).toString('base64url')}`;
    const refused = await impostor.post(guessed, { _csrf: csrfTokenIn((await impostor.get('/account')).html) });
    expect(refused.status).toBe(410);
    expect((await users().findOneByOrFail({ email: 'nadia@example.test' })).role).toBe(Role.Customer);

    // The link went to the address's inbox, and nowhere else.
    const link = await emailedInvitation('nadia@example.test');
    expect(smtp.received.filter((mail) => mail.raw.includes(INVITATION_SUBJECT)).map((mail) => mail.to)).toEqual([['nadia@example.test']]);

    // The real Nadia opens it: the account with her address is not hers to sign in to yet.
    const nadia = new Shopper(shop.baseUrl);
    const opened = await nadia.get(link);
    expect(opened.status).toBe(200);
    expect(textOf(opened.html)).toContain('An account with nadia@example.test already exists');
    expect(decodedLinks(opened.html)).toContain(`href="/login?next=${encodeURIComponent(link)}"`);
    expect(opened.html).toContain('href="/password/forgot"');

    // She resets its password through her inbox, which signs the impostor out everywhere.
    expect((await nadia.submit('/password/forgot', '/password/forgot', { email: 'nadia@example.test' })).status).toBe(303);
    const resetMail = (await inbox('nadia@example.test', 'Subject: Reset your Anarkali password')).at(-1);
    const resetLink = /\/password\/reset\/[A-Za-z0-9_-]{43}/.exec(mailText(resetMail!))![0];
    expect((await nadia.submit(resetLink, resetLink, { password: 'nadia-own-password-1' })).status).toBe(303);
    expect((await impostor.get('/account')).location).toBe('/login?next=%2Faccount');

    // Signs in, comes back to the invitation, accepts.
    const signIn = await nadia.submit(`/login?next=${encodeURIComponent(link)}`, '/login', {
      email: 'nadia@example.test',
      password: 'nadia-own-password-1',
      next: link,
    });
    expect(signIn.location).toBe(link);
    const acceptPage = await nadia.follow(signIn);
    expect(textOf(acceptPage.html)).toContain('Accept invitation');
    const accepted = await nadia.post(link, { _csrf: csrfTokenIn(acceptPage.html) });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe('/admin');
    expect((await nadia.get('/admin/orders')).status).toBe(200);
    const account = await users().findOneByOrFail({ email: 'nadia@example.test' });
    expect(account.role).toBe(Role.Staff);
    expect(account.emailVerifiedAt).toBeInstanceOf(Date);

    // The impostor's password is gone, and their old session with it.
    const again = await new Shopper(shop.baseUrl).submit('/login', '/login', { email: 'nadia@example.test', password: 'impostor-password-99' });
    expect(again.status).toBe(422);
    expect((await impostor.get('/admin/orders')).location).toBe('/login?next=%2Fadmin%2Forders');
  });

  it('sends someone new a link with which they choose a name and password and arrive signed in as staff', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const invited = await invite(owner, 'Sadia@Example.test');
    expect(invited.status).toBe(303);
    const list = await owner.follow(invited);
    expect(textOf(list.html)).toContain('We emailed an invitation to sadia@example.test.');
    const stored = await pending('sadia@example.test');
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);
    const row = textOf(/<tr[^>]*>(?:(?!<\/tr>)[\s\S])*sadia@example\.test[\s\S]*?<\/tr>/.exec(list.html)![0]);
    expect(row).toContain('Shop owner');
    expect(row).toContain(date(stored.expiresAt));
    expect(await users().countBy({ email: 'sadia@example.test' })).toBe(0);

    const [mail] = await inbox('sadia@example.test', INVITATION_SUBJECT);
    const text = mailText(mail);
    const link = invitationPathIn(text);
    expect(text).toContain(`${shop.config.publicUrl}${link}`);
    expect(text).toContain(`Shop owner (${OWNER.email}) has invited you to join the staff of Anarkali`);
    expect(text).toContain(`until ${date(stored.expiresAt)} (UTC)`);
    // Only the token's hash is kept.
    expect(stored.tokenHash).toBe(sha256(tokenOf(link)));
    expect(JSON.stringify(await invitations().find())).not.toContain(tokenOf(link));

    const sadia = new Shopper(shop.baseUrl);
    const page = await sadia.get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(textOf(page.html)).toContain('Shop owner invited you to join the staff of Anarkali as sadia@example.test');
    expect(textOf(page.html)).toContain('Create staff account');

    const created = await sadia.post(link, { _csrf: csrfTokenIn(page.html), name: 'Sadia Staff', password: PASSWORD });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/admin');
    expect((await sadia.follow(created)).status).toBe(200);
    const account = await users().findOneByOrFail({ email: 'sadia@example.test' });
    expect(account).toMatchObject({ name: 'Sadia Staff', role: Role.Staff });
    expect(account.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await invitations().findOneByOrFail({ id: stored.id })).toMatchObject({ acceptedUserId: account.id });

    expect((await sadia.get('/admin/orders')).status).toBe(200);
    expect((await sadia.get('/admin/staff')).status).toBe(403);
    expect((await sadia.get('/admin/settings/security')).status).toBe(403);
    // The password she chose signs her in from anywhere.
    expect((await (await signedIn('sadia@example.test')).get('/admin/orders')).status).toBe(200);

    const after = (await owner.get('/admin/staff')).html;
    expect(textOf(after)).toContain('Sadia Staff');
    expect(after).not.toContain(`/admin/staff/invitations/${stored.id}/withdraw`);
    const ownerAccount = await users().findOneByOrFail({ email: OWNER.email });
    expect(events(logged)).toContainEqual(expect.objectContaining({ event: 'staff_invited', email: 'sadia@example.test', byUserId: ownerAccount.id }));
    expect(events(logged)).toContainEqual(
      expect.objectContaining({ event: 'staff_added', userId: account.id, email: 'sadia@example.test', byUserId: ownerAccount.id }),
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain(tokenOf(link));
  });

  it('shows the Staff and Settings links to the owner only, marking the section the page is in', async () => {
    const ownerPanel = (await owner.get('/admin')).html;
    expect(ownerPanel).toContain('<a href="/admin/staff">Staff</a>');
    expect(ownerPanel).toContain('<a href="/admin/settings">Settings</a>');
    expect(ownerPanel).toContain('<a href="/admin" aria-current="page">Dashboard</a>');
    expect((await owner.get('/admin/staff')).html).toContain('<a href="/admin/staff" aria-current="page">Staff</a>');
    const staffPanel = (await (await signedIn('sadia@example.test')).get('/admin')).html;
    expect(staffPanel).not.toContain('href="/admin/staff"');
    expect(staffPanel).not.toContain('href="/admin/settings');
  });

  it('lets staff neither invite nor withdraw (403)', async () => {
    expect((await invite(owner, 'pending@example.test')).status).toBe(303);
    const invitation = await pending('pending@example.test');
    const staff = await signedIn('sadia@example.test');
    const token = csrfTokenIn((await staff.get('/admin/orders')).html);
    expect((await staff.post('/admin/staff', { _csrf: token, email: 'friend@example.test' })).status).toBe(403);
    expect((await staff.post(`/admin/staff/invitations/${invitation.id}/withdraw`, { _csrf: token })).status).toBe(403);
    expect(await invitations().countBy({ email: 'friend@example.test' })).toBe(0);
    expect(await invitations().findOneByOrFail({ id: invitation.id })).toMatchObject({ withdrawnAt: null });
  });

  it('lets an existing customer accept while signed in with their account, and refuses to invite anyone who already has access', async () => {
    const kamran = await registered('Kamran Customer', 'kamran@example.test');
    const otherBrowser = await signedIn('kamran@example.test');
    expect((await invite(owner, 'Kamran@example.test')).status).toBe(303);
    // Until accepted the account stays a customer, also in the session it has open.
    expect((await kamran.get('/admin/orders')).status).toBe(403);
    const link = await emailedInvitation('kamran@example.test');

    const elsewhere = await new Shopper(shop.baseUrl).get(link);
    expect(textOf(elsewhere.html)).toContain('Sign in as kamran@example.test');
    expect(elsewhere.html).not.toContain('Accept invitation');

    const page = await kamran.get(link);
    expect(textOf(page.html)).toContain('Accept invitation');
    expect(page.html).not.toContain('name="password"');
    const accepted = await kamran.post(link, { _csrf: csrfTokenIn(page.html) });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe('/admin');
    expect(textOf((await kamran.follow(accepted)).html)).toContain('You are now staff');
    expect((await kamran.get('/admin/orders')).status).toBe(200);
    // Whoever else was signed in to the account does not carry the new access: they sign in again.
    expect((await otherBrowser.get('/admin/orders')).location).toBe('/login?next=%2Fadmin%2Forders');
    const account = await users().findOneByOrFail({ email: 'kamran@example.test' });
    expect(account.role).toBe(Role.Staff);
    expect(account.emailVerifiedAt).toBeInstanceOf(Date);

    const again = await invite(owner, 'kamran@example.test');
    expect(again.status).toBe(422);
    expect(textOf(again.html)).toContain('This person is already staff.');
    expect(again.html).toContain('value="kamran@example.test"');
    const theOwner = await invite(owner, OWNER.email);
    expect(theOwner.status).toBe(422);
    expect(textOf(theOwner.html)).toContain('already has access');
    const badEmail = await invite(owner, 'not-an-email');
    expect(badEmail.status).toBe(422);
    expect(textOf(badEmail.html)).toContain('Please enter a valid email address');
    expect(await invitations().countBy({ email: OWNER.email })).toBe(0);
    expect((await users().findOneByOrFail({ email: OWNER.email })).role).toBe(Role.Owner);
  });

  it('tells someone signed in with another account that the invitation is for another address, and changes nothing', async () => {
    await registered('Faisal Customer', 'faisal@example.test');
    expect((await invite(owner, 'faisal@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'faisal@example.test');
    const someoneElse = await registered('Hamza Customer', 'hamza@example.test');

    const page = await someoneElse.get(link);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('This invitation is for faisal@example.test, and you are signed in as hamza@example.test.');
    expect(page.html).toContain('action="/logout"');
    expect((await someoneElse.post(link, { _csrf: csrfTokenIn(page.html), name: 'Hamza', password: PASSWORD })).location).toBe(link);
    expect((await users().findOneByOrFail({ email: 'hamza@example.test' })).role).toBe(Role.Customer);
    expect((await users().findOneByOrFail({ email: 'faisal@example.test' })).role).toBe(Role.Customer);
    expect((await pending('faisal@example.test')).acceptedAt).toBeNull();
  });

  it('says so when the address has had staff access since the invitation was sent', async () => {
    expect((await invite(owner, 'helper@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'helper@example.test');
    await shop.get(AuthService).register({ name: 'Shop Helper', email: 'helper@example.test', password: PASSWORD }, Role.Staff);
    const page = await new Shopper(shop.baseUrl).get(link);
    expect(textOf(page.html)).toContain('helper@example.test already has access to the shop’s panel');
    expect(page.html).not.toContain('name="password"');
  });

  it('works once: a second submit, or two at the same moment, make one account', async () => {
    expect((await invite(owner, 'twice@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'twice@example.test');
    const tabs = [new Shopper(shop.baseUrl), new Shopper(shop.baseUrl)];
    const pages = await Promise.all(tabs.map((tab) => tab.get(link)));
    const answers = await Promise.all(tabs.map((tab, i) => tab.post(link, { _csrf: csrfTokenIn(pages[i].html), name: `Tab ${i}`, password: PASSWORD })));
    expect(answers.map((answer) => answer.location ?? answer.status).sort()).toEqual(['/admin', 410]);
    expect(await users().countBy({ email: 'twice@example.test' })).toBe(1);

    // Submitting once more, from either tab, is no second account.
    for (const [i, tab] of tabs.entries()) {
      const again = await tab.post(link, { _csrf: csrfTokenIn(pages[i].html), name: 'Again', password: PASSWORD });
      expect(again.location).not.toBe('/admin');
    }
    const late = await new Shopper(shop.baseUrl).get(link);
    expect(late.status).toBe(410);
    expect(textOf(late.html)).toContain('This staff invitation is no longer valid');
    expect(await users().countBy({ email: 'twice@example.test' })).toBe(1);
  });

  it('works once for an existing customer too: two accepts at the same moment promote once', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const laptop = await registered('Omar Customer', 'omar@example.test');
    const phone = await signedIn('omar@example.test');
    expect((await invite(owner, 'omar@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'omar@example.test');
    const pages = await Promise.all([laptop.get(link), phone.get(link)]);
    const answers = await Promise.all([laptop, phone].map((tab, i) => tab.post(link, { _csrf: csrfTokenIn(pages[i].html) })));
    // The other is refused: 410 for the spent link, or 403 when the winner had already ended its session (and CSRF token).
    expect(answers.filter((answer) => answer.location === '/admin')).toHaveLength(1);
    expect([403, 410]).toContain(answers.find((answer) => answer.location !== '/admin')?.status);
    const omar = await users().findOneByOrFail({ email: 'omar@example.test' });
    expect(omar.role).toBe(Role.Staff);
    expect(events(logged).filter((entry) => entry.event === 'staff_added' && entry.userId === omar.id)).toHaveLength(1);
  });

  it('refuses a link that has expired', async () => {
    expect((await invite(owner, 'late@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'late@example.test');
    await invitations().update({ tokenHash: sha256(tokenOf(link)) }, { expiresAt: new Date(Date.now() - 1000) });
    const browser = new Shopper(shop.baseUrl);
    const page = await browser.get(link);
    expect(page.status).toBe(410);
    expect(textOf(page.html)).toContain('ask the shop owner to invite you again');
    const tried = await browser.post(link, { _csrf: csrfTokenIn((await browser.get('/login')).html), name: 'Late', password: PASSWORD });
    expect(tried.status).toBe(410);
    expect(await users().countBy({ email: 'late@example.test' })).toBe(0);
    expect((await owner.get('/admin/staff')).html).not.toContain('<td>late@example.test</td>');
  });

  it('lists pending invitations, and one the owner withdraws no longer works', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    expect((await invite(owner, 'withdrawn@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'withdrawn@example.test');
    const invitation = await pending('withdrawn@example.test');
    const list = await owner.get('/admin/staff');
    expect(list.html).toContain(`action="/admin/staff/invitations/${invitation.id}/withdraw"`);

    const withdrawn = await owner.post(`/admin/staff/invitations/${invitation.id}/withdraw`, { _csrf: csrfTokenIn(list.html) });
    expect(withdrawn.status).toBe(303);
    const after = await owner.follow(withdrawn);
    expect(textOf(after.html)).toContain('The invitation to withdrawn@example.test was withdrawn.');
    expect(after.html).not.toContain(`/admin/staff/invitations/${invitation.id}/withdraw`);
    expect((await invitations().findOneByOrFail({ id: invitation.id })).withdrawnAt).toBeInstanceOf(Date);
    expect(events(logged)).toContainEqual(expect.objectContaining({ event: 'staff_invitation_withdrawn', email: 'withdrawn@example.test' }));

    const browser = new Shopper(shop.baseUrl);
    expect((await browser.get(link)).status).toBe(410);
    const tried = await browser.post(link, { _csrf: csrfTokenIn((await browser.get('/login')).html), name: 'Withdrawn', password: PASSWORD });
    expect(tried.status).toBe(410);
    expect(await users().countBy({ email: 'withdrawn@example.test' })).toBe(0);

    const twice = await owner.post(`/admin/staff/invitations/${invitation.id}/withdraw`, { _csrf: csrfTokenIn(after.html) });
    expect(textOf((await owner.follow(twice)).html)).toContain('That invitation was already accepted or withdrawn.');
  });

  it('replaces the pending invitation when the owner invites the same address again: the earlier link stops working', async () => {
    expect((await invite(owner, 'again@example.test')).status).toBe(303);
    expect((await invite(owner, 'again@example.test')).status).toBe(303);
    const [first, second] = (await inbox('again@example.test', INVITATION_SUBJECT)).map((mail) => invitationPathIn(mailText(mail)));
    expect(first).not.toBe(second);
    expect((await new Shopper(shop.baseUrl).get(first)).status).toBe(410);
    expect((await new Shopper(shop.baseUrl).get(second)).status).toBe(200);
    expect((await owner.get('/admin/staff')).html.split('<td>again@example.test</td>')).toHaveLength(2);
    expect(await invitations().countBy({ email: 'again@example.test', acceptedAt: IsNull(), withdrawnAt: IsNull() })).toBe(1);
  });

  it('re-renders the account form with field errors (422), keeping the name', async () => {
    expect((await invite(owner, 'nimra@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'nimra@example.test');
    const browser = new Shopper(shop.baseUrl);

    const noName = await join(browser, link, { name: '  ', password: PASSWORD });
    expect(noName.status).toBe(422);
    expect(textOf(noName.html)).toContain('Please enter your name');
    const short = await browser.post(link, { _csrf: csrfTokenIn(noName.html), name: 'Nimra Staff', password: 'short' });
    expect(short.status).toBe(422);
    expect(textOf(short.html)).toContain('at least 10 characters');
    expect(short.html).toContain('value="Nimra Staff"');
    expect(short.html).not.toContain('value="short"');
    expect(short.headers.get('cache-control')).toBe('no-store');
    expect(await users().countBy({ email: 'nimra@example.test' })).toBe(0);

    const fixed = await browser.post(link, { _csrf: csrfTokenIn(short.html), name: 'Nimra Staff', password: PASSWORD });
    expect(fixed.location).toBe('/admin');
    expect((await users().findOneByOrFail({ email: 'nimra@example.test' })).role).toBe(Role.Staff);
  });

  it('sends a new staff member to set up two-factor sign-in first when the owner requires it', async () => {
    expect((await invite(owner, 'secure@example.test')).status).toBe(303);
    const link = await queuedInvitationPath(shop, 'secure@example.test');
    // Set in the service: once it is required, the owner too must set up two-factor sign-in before using the panel.
    const settings = shop.get(SettingsService);
    const ownerActor = { userId: (await users().findOneByOrFail({ email: OWNER.email })).id, email: OWNER.email, ip: '127.0.0.1' };
    await settings.setRequireTwoFactor(true, ownerActor);
    try {
      const created = await join(new Shopper(shop.baseUrl), link, { name: 'Secure Staff', password: PASSWORD });
      expect(created.location).toBe('/account/two-factor');
      expect((await users().findOneByOrFail({ email: 'secure@example.test' })).role).toBe(Role.Staff);
    } finally {
      await settings.setRequireTwoFactor(false, ownerActor);
    }
  });

  it('removing a staff member makes them a customer and ends every session they had', async () => {
    const invitee = await addStaffMember(shop, owner, { name: 'Rashid Removed', email: 'rashid@example.test', password: PASSWORD });
    const rashid = await users().findOneByOrFail({ email: 'rashid@example.test' });
    const laptop = await signedIn('rashid@example.test');
    const phone = await signedIn('rashid@example.test');
    expect((await laptop.get('/admin/orders')).status).toBe(200);
    // The browser that accepted the invitation, and the two signed in since.
    expect(await shop.dataSource.getRepository(SessionRecord).countBy({ userId: rashid.id })).toBe(3);

    const list = await owner.get('/admin/staff');
    const removed = await owner.post(`/admin/staff/${rashid.id}/remove`, { _csrf: csrfTokenIn(list.html) });
    expect(removed.status).toBe(303);
    expect(textOf((await owner.follow(removed)).html)).toContain('Rashid Removed is no longer staff and has been signed out everywhere.');

    expect((await users().findOneByOrFail({ id: rashid.id })).role).toBe(Role.Customer);
    expect(await shop.dataSource.getRepository(SessionRecord).countBy({ userId: rashid.id })).toBe(0);
    for (const device of [invitee, laptop, phone]) {
      const bounced = await device.get('/admin/orders');
      expect(bounced.status).toBe(303);
      expect(bounced.location).toBe('/login?next=%2Fadmin%2Forders');
    }
    // Signing in again gives a customer's account, without the panel.
    expect((await (await signedIn('rashid@example.test')).get('/admin/orders')).status).toBe(403);
  });

  it('never removes the owner', async () => {
    const me = await users().findOneByOrFail({ email: OWNER.email });
    const list = await owner.get('/admin/staff');
    expect(list.html).not.toContain(`/admin/staff/${me.id}/remove`);
    const tried = await owner.post(`/admin/staff/${me.id}/remove`, { _csrf: csrfTokenIn(list.html) });
    expect(textOf((await owner.follow(tried)).html)).toContain('The owner cannot be removed.');
    expect((await users().findOneByOrFail({ id: me.id })).role).toBe(Role.Owner);
    expect((await owner.get('/admin/staff')).status).toBe(200);
  });
});
