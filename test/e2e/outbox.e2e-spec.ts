import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { EMAIL_KINDS } from '../../src/mail/email-kinds.js';
import { OutboxMessage, OutboxStatus } from '../../src/mail/entities/outbox-message.entity.js';
import { MailService } from '../../src/mail/mail.service.js';
import { LEASE_MS, MAX_ATTEMPTS, OutboxWorker } from '../../src/mail/outbox.worker.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp.js';
import { onMySql, sameDatabaseAs, startShop, type TestShop } from '../helpers/test-shop.js';

const YEAR_MS = 365 * 24 * 60 * 60_000;

describe('the outbox worker when sending fails or a worker dies', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
  });
  afterEach(async () => {
    await close();
    jest.restoreAllMocks();
  });

  const outbox = () => shop.dataSource.getRepository(OutboxMessage);
  const worker = () => shop.get(OutboxWorker);
  const messageId = (mail: ReceivedMail | undefined) => /^message-id:\s*(\S+)/im.exec(mail?.raw ?? '')?.[1];

  /** Queues an email the way every use case does, and answers its outbox id. */
  async function queue(to: string): Promise<number> {
    await shop.get(MailService).enqueue(shop.dataSource.manager, { kind: 'account_exists', to, variables: EMAIL_KINDS.account_exists.sample });
    return (await outbox().findOneByOrFail({ recipient: to })).id;
  }

  it(`retries a message the server keeps refusing with growing delays, never early, and keeps it as failed after ${MAX_ATTEMPTS} attempts while other mail flows`, async () => {
    smtp.refusedRecipients.add('nobody@example.test');
    const doomed = await queue('nobody@example.test');
    const delays: number[] = [];
    // Each run is as of the moment the refused message is due again; the first as of the clock, once
    // that run's other message is queued.
    let now: Date | undefined;

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await queue(`customer${attempt}@example.test`);
      now ??= new Date();
      expect(await worker().deliverDue(now)).toBe(1);
      const row = await outbox().findOneByOrFail({ id: doomed });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toContain('No such mailbox');
      if (attempt === MAX_ATTEMPTS) break;

      expect(row.status).toBe(OutboxStatus.Pending);
      delays.push(row.nextAttemptAt.getTime() - now.getTime());
      expect(await worker().deliverDue(new Date(row.nextAttemptAt.getTime() - 1))).toBe(0);
      expect((await outbox().findOneByOrFail({ id: doomed })).attempts).toBe(attempt);
      now = row.nextAttemptAt;
    }

    expect(delays[0]).toBeGreaterThan(0);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays[delays.length - 1]).toBeGreaterThan(delays[0]);

    smtp.refusedRecipients.clear();
    expect(await worker().deliverDue(new Date(Date.now() + YEAR_MS))).toBe(0);
    expect(await outbox().findOneByOrFail({ id: doomed })).toMatchObject({
      status: OutboxStatus.Failed,
      attempts: MAX_ATTEMPTS,
      lastError: expect.stringContaining('No such mailbox'),
    });
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => `customer${i + 1}@example.test`).sort());
  });

  it('makes one attempt per message in a run, however late the run says it is', async () => {
    smtp.refusedRecipients.add('nobody@example.test');
    const doomed = await queue('nobody@example.test');
    expect(await worker().deliverDue(new Date(Date.now() + YEAR_MS))).toBe(0);
    expect((await outbox().findOneByOrFail({ id: doomed })).attempts).toBe(1);
  });

  it('leaves a fresh claim of a worker that died mid-send alone, and takes it over after the lease to deliver it once', async () => {
    const id = await queue('late@example.test');
    const claimedAt = new Date();
    await outbox().update({ id }, { claimedAt });

    expect(await worker().deliverDue(new Date(claimedAt.getTime() + LEASE_MS - 1_000))).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect(await outbox().findOneByOrFail({ id })).toMatchObject({ status: OutboxStatus.Pending, attempts: 0 });

    expect(await worker().deliverDue(new Date(claimedAt.getTime() + LEASE_MS + 1_000))).toBe(1);
    expect(await worker().deliverDue(new Date(Date.now() + YEAR_MS))).toBe(0);
    expect(smtp.received).toHaveLength(1);
    // The dead worker may have handed the mail over already; the copy sent now carries the same Message-ID.
    expect(messageId(smtp.received[0])).toBe(`<outbox-${id}@anarkali>`);
    expect(await outbox().findOneByOrFail({ id })).toMatchObject({ status: OutboxStatus.Sent, attempts: 1, claimedAt: null });
  });

  it('sends a message again when the server kept it but the worker never heard, with the same Message-ID for the receiver to drop the copy', async () => {
    const id = await queue('twice@example.test');
    smtp.repliesToLose = 1;
    expect(await worker().deliverDue()).toBe(0);
    const retry = await outbox().findOneByOrFail({ id });
    expect(retry).toMatchObject({ status: OutboxStatus.Pending, attempts: 1 });

    expect(await worker().deliverDue(retry.nextAttemptAt)).toBe(1);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received.map(messageId)).toEqual([`<outbox-${id}@anarkali>`, `<outbox-${id}@anarkali>`]);
  });

  it.each(['refused', 'accepted'] as const)(
    'keeps a message sent once by the instance that took it over when the first one, past its lease, is finally %s',
    async (outcome) => {
      const second = await startShop({ SMTP_URL: smtp.url, MAIL_WORKER: '0', ...sameDatabaseAs(shop) });
      try {
        const id = await queue('slow@example.test');
        const slowServer = smtp.holdNext();
        const firstRun = worker().deliverDue();
        await slowServer.arrived;

        // The first instance's claim has outlived its lease as far as the second can tell: it takes the message over.
        expect(await second.get(OutboxWorker).deliverDue(new Date(Date.now() + LEASE_MS + 1_000))).toBe(1);
        const sentBySecond = await outbox().findOneByOrFail({ id });
        expect(sentBySecond).toMatchObject({ status: OutboxStatus.Sent, attempts: 1, claimedAt: null });

        const warned = jest.spyOn(Logger.prototype, 'warn');
        slowServer.release(outcome === 'accepted' ? 'accept' : 'refuse');
        expect(await firstRun).toBe(0);
        expect(await outbox().findOneByOrFail({ id })).toEqual(sentBySecond);
        expect(warned).toHaveBeenCalledWith(expect.objectContaining({ event: 'mail_lease_lost', outboxId: id, delivered: outcome === 'accepted' }));

        // Nothing was put back in the queue: however late either instance looks, the message does not go out a third time.
        const muchLater = new Date(Date.now() + YEAR_MS);
        expect(await worker().deliverDue(muchLater)).toBe(0);
        expect(await second.get(OutboxWorker).deliverDue(muchLater)).toBe(0);
        expect(smtp.received).toHaveLength(outcome === 'accepted' ? 2 : 1);
        expect(await outbox().findOneByOrFail({ id })).toEqual(sentBySecond);
      } finally {
        await second.close();
      }
    },
  );

  const onMySqlOnly = onMySql() ? it : it.skip;

  onMySqlOnly('lets exactly one of two instances take over a claim past its lease', async () => {
    const second = await startShop({ SMTP_URL: smtp.url, MAIL_WORKER: '0', ...sameDatabaseAs(shop) });
    try {
      const id = await queue('orphan@example.test');
      const now = new Date();
      await outbox().update({ id }, { claimedAt: new Date(now.getTime() - LEASE_MS - 1_000) });
      const [a, b] = await Promise.all([worker().deliverDue(now), second.get(OutboxWorker).deliverDue(now)]);
      expect(a + b).toBe(1);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
