import { In } from 'typeorm';
import { ExpiredLinkPurge } from '../../src/auth/expired-link.purge.js';
import { StaffInvitation } from '../../src/auth/entities/staff-invitation.entity.js';
import { TokenPurpose, UserToken } from '../../src/auth/entities/user-token.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { CartLine } from '../../src/cart/entities/cart-line.entity.js';
import { Cart } from '../../src/cart/entities/cart.entity.js';
import { GuestCartPurge } from '../../src/cart/guest-cart.purge.js';
import { JobScheduler } from '../../src/jobs/job-scheduler.service.js';
import { PURGE_BATCH } from '../../src/jobs/purge.js';
import { OutboxMessage, OutboxStatus } from '../../src/mail/entities/outbox-message.entity.js';
import { SentMailPurge } from '../../src/mail/sent-mail.purge.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60_000);
let hashes = 0;
const aHash = () => String(++hashes).padStart(64, '0');

describe('the purges nobody did before (scheduled once-jobs, in batches)', () => {
  let shop: TestShop;
  let ownerId: number;

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
  });
  afterAll(() => shop.close());

  const idsOf = async <T extends { id: number }>(entity: new () => T, ids: number[]) =>
    (await shop.dataSource.getRepository(entity).find({ where: { id: In(ids) } as never, order: { id: 'ASC' } as never })).map((row) => row.id);

  it('deletes expired reset and verification tokens and expired unaccepted invitations, and keeps the live ones', async () => {
    const tokens = shop.dataSource.getRepository(UserToken);
    const aToken = async (purpose: TokenPurpose, expiresAt: Date, usedAt: Date | null = null) =>
      Number((await tokens.insert({ userId: ownerId, purpose, tokenHash: aHash(), expiresAt, usedAt })).identifiers[0].id);
    const expiredReset = await aToken(TokenPurpose.ResetPassword, new Date(NOW.getTime() - 1000));
    const expiredUsedVerification = await aToken(TokenPurpose.VerifyEmail, daysAgo(2), daysAgo(3));
    const liveReset = await aToken(TokenPurpose.ResetPassword, new Date(NOW.getTime() + 60_000));

    const invitations = shop.dataSource.getRepository(StaffInvitation);
    const anInvitation = async (expiresAt: Date, acceptedAt: Date | null = null, withdrawnAt: Date | null = null) =>
      Number(
        (await invitations.insert({ email: `i${hashes}@example.test`, tokenHash: aHash(), invitedByUserId: ownerId, expiresAt, acceptedAt, withdrawnAt }))
          .identifiers[0].id,
      );
    const expired = await anInvitation(daysAgo(1));
    const withdrawnThenExpired = await anInvitation(daysAgo(1), null, daysAgo(5));
    const accepted = await anInvitation(daysAgo(1), daysAgo(6));
    const pending = await anInvitation(new Date(NOW.getTime() + 60_000));

    expect(await shop.get(ExpiredLinkPurge).purge(undefined, NOW)).toEqual({ tokens: 2, invitations: 2 });
    expect(await idsOf(UserToken, [expiredReset, expiredUsedVerification, liveReset])).toEqual([liveReset]);
    expect(await idsOf(StaffInvitation, [expired, withdrawnThenExpired, accepted, pending])).toEqual([accepted, pending]);
  });

  it('deletes guest carts untouched for 30 days with their lines, and keeps recent carts and accounts’ carts', async () => {
    const carts = shop.dataSource.getRepository(Cart);
    const aCart = async (values: Partial<Cart>) => {
      const id = Number((await carts.insert({ userId: null, ...values })).identifiers[0].id);
      await shop.dataSource.getRepository(CartLine).insert({ cartId: id, variantId: 1, quantity: 2 });
      return id;
    };
    const abandoned = await aCart({ createdAt: daysAgo(40), updatedAt: daysAgo(31) });
    const neverTouched = await aCart({ createdAt: daysAgo(35), updatedAt: null });
    const cameBack = await aCart({ createdAt: daysAgo(40), updatedAt: daysAgo(29) });
    const accounts = await aCart({ userId: ownerId, createdAt: daysAgo(90), updatedAt: daysAgo(90) });

    expect(await shop.get(GuestCartPurge).purge(undefined, NOW)).toBe(2);
    expect(await idsOf(Cart, [abandoned, neverTouched, cameBack, accounts])).toEqual([cameBack, accounts]);
    const lines = await shop.dataSource.getRepository(CartLine).findBy({ cartId: In([abandoned, neverTouched, cameBack, accounts]) });
    expect(lines.map((line) => line.cartId).sort((x, y) => x - y)).toEqual([cameBack, accounts]);
  });

  it('deletes delivered mail older than 30 days batch after batch, and keeps newer, waiting and failed mail', async () => {
    const outbox = shop.dataSource.getRepository(OutboxMessage);
    const mail = (status: OutboxStatus, sentAt: Date | null) => ({
      kind: 'order_confirmation',
      recipient: 'hina@example.test',
      subject: 'Your order',
      body: 'Thank you',
      status,
      nextAttemptAt: daysAgo(40),
      sentAt,
    });
    // More than one batch of old mail: the purge goes on until none is left.
    await outbox.insert(Array.from({ length: PURGE_BATCH + 7 }, () => mail(OutboxStatus.Sent, daysAgo(31))));
    const kept = (
      await outbox.insert([mail(OutboxStatus.Sent, daysAgo(29)), mail(OutboxStatus.Failed, null), mail(OutboxStatus.Pending, null)])
    ).identifiers.map((row) => Number(row.id));

    expect(await shop.get(SentMailPurge).purge(undefined, NOW)).toBe(PURGE_BATCH + 7);
    expect((await outbox.find({ order: { id: 'ASC' } })).map((row) => row.id)).toEqual(kept);
  });

  it('stops between two batches when the shop begins to stop', async () => {
    const outbox = shop.dataSource.getRepository(OutboxMessage);
    const old = { kind: 'order_confirmation', recipient: 'a@example.test', subject: 's', body: 'b', status: OutboxStatus.Sent, nextAttemptAt: NOW };
    await outbox.insert(Array.from({ length: 3 }, () => ({ ...old, sentAt: daysAgo(31) })));
    const stopping = new AbortController();
    stopping.abort();
    expect(await shop.get(SentMailPurge).purge(stopping.signal, NOW)).toBe(0);
    expect(await shop.get(SentMailPurge).purge(undefined, NOW)).toBe(3);
  });

  it('are once-jobs of the scheduler, run on the hour', async () => {
    const jobs = (await shop.get(JobScheduler).overview()).filter((job) => job.name.startsWith('purge-'));
    expect(jobs.map(({ name, everyMs, once }) => ({ name, everyMs, once }))).toEqual([
      { name: 'purge-expired-links', everyMs: 3_600_000, once: true },
      { name: 'purge-guest-carts', everyMs: 3_600_000, once: true },
      { name: 'purge-sent-mail', everyMs: 3_600_000, once: true },
    ]);
  });
});
