import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './entities/outbox-message.entity.js';

export interface OutgoingEmail {
  kind: string;
  to: string;
  subject: string;
  text: string;
}

@Injectable()
export class MailService {
  /**
   * Queues an email in the caller's transaction: it is sent only if the change that causes it commits,
   * and it is not lost if the mail server is down or the process stops before sending.
   */
  async enqueue(manager: EntityManager, email: OutgoingEmail): Promise<void> {
    await manager.insert(OutboxMessage, {
      nextAttemptAt: new Date(),
      kind: email.kind,
      recipient: email.to.toLowerCase(),
      subject: email.subject,
      body: email.text,
    });
  }
}
