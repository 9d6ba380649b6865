import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EmailKind, EmailVariables } from './email-kinds.js';
import { EmailRenderer } from './email-renderer.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';

/** An email to send: its kind (EMAIL_KINDS), to whom, and the values its templates print. */
export interface OutgoingEmail<K extends EmailKind = EmailKind> {
  kind: K;
  to: string;
  variables: EmailVariables[K];
}

@Injectable()
export class MailService {
  constructor(private readonly renderer: EmailRenderer) {}

  /**
   * Renders the email and queues it in the caller's transaction: it is sent only if the change that
   * causes it commits, it is not lost if the mail server is down or the process stops before sending,
   * and what goes out is what was rendered now, whatever happens to the templates meanwhile.
   */
  async enqueue<K extends EmailKind>(manager: EntityManager, email: OutgoingEmail<K>): Promise<void> {
    const rendered = await this.renderer.render(manager, email.kind, email.variables);
    await manager.insert(OutboxMessage, {
      nextAttemptAt: new Date(),
      kind: email.kind,
      recipient: email.to.toLowerCase(),
      subject: rendered.subject,
      body: rendered.text,
      html: rendered.html,
    });
  }
}
