import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { Shopper } from './shopper.js';
import { OWNER, type TestShop } from './test-shop.js';

/** The path of the link in an invitation email: /staff/invitations/<43-character token>. */
export function invitationPathIn(text: string): string {
  const match = /\/staff\/invitations\/[A-Za-z0-9_-]{43}\b/.exec(text);
  if (!match) throw new Error(`no invitation link in:\n${text}`);
  return match[0];
}

/** The owner invites `email` from /admin/staff; answers the form's response. */
export function invite(owner: Shopper, email: string) {
  return owner.submit('/admin/staff', '/admin/staff', { email });
}

/** The link of the newest invitation queued for `email`, read from the outbox (the email's own text). */
export async function queuedInvitationPath(shop: TestShop, email: string): Promise<string> {
  const [message] = await shop.dataSource
    .getRepository(OutboxMessage)
    .find({ where: { kind: 'staff_invitation', recipient: email }, order: { id: 'DESC' }, take: 1 });
  if (!message) throw new Error(`no invitation queued for ${email}`);
  return invitationPathIn(message.body);
}

/**
 * Someone new joins the staff the whole way: the owner invites them, and they open the emailed link
 * and create their account. Answers their browser, signed in.
 */
export async function addStaffMember(shop: TestShop, owner: Shopper, member: { name: string; email: string; password: string }): Promise<Shopper> {
  const invited = await invite(owner, member.email);
  if (invited.status !== 303) throw new Error(`inviting ${member.email} answered ${invited.status}`);
  const link = await queuedInvitationPath(shop, member.email);
  const invitee = new Shopper(shop.baseUrl);
  const joined = await invitee.submit(link, link, { name: member.name, password: member.password });
  if (joined.status !== 303) throw new Error(`creating the staff account of ${member.email} answered ${joined.status}`);
  return invitee;
}

/** The owner's browser, signed in. */
export async function signedInOwner(shop: TestShop): Promise<Shopper> {
  const owner = new Shopper(shop.baseUrl);
  const signedIn = await owner.submit('/login', '/login', OWNER);
  if (signedIn.status !== 303) throw new Error(`the owner's sign-in answered ${signedIn.status}`);
  return owner;
}
