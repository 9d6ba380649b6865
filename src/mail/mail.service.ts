import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertAtCommit } from '../database/statements.js';
import type { EmailKind, EmailVariables } from './email-kinds.js';
import { type EmailContext, EmailRenderer } from './email-renderer.js';
import type { EmailTemplate } from './entities/email-template.entity.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';

/** An email to send: its kind (EMAIL_KINDS), to whom, and the values its templates print. */
export interface OutgoingEmail<K extends EmailKind = EmailKind> {
  kind: K;
  to: string;
  variables: EmailVariables[K];
  /** What the caller has read already (the shop's name, the saved template), so the transaction need not read it again. */
  context?: EmailContext;
}

@Injectable()
export class MailService {
  constructor(private readonly renderer: EmailRenderer) {}

  /**
   * The owner's saved template of this kind (null: the default is used), for a caller that reads it
   * beside the transaction queueing the email rather than in it, and passes it in `context`.
   */
  savedTemplate(kind: EmailKind): Promise<EmailTemplate | null> {
    return this.renderer.savedTemplate(kind);
  }

  /**
   * Renders the email and queues it in the caller's transaction: it is sent only if the change that
   * causes it commits, it is not lost if the mail server is down or the process stops before sending,
   * and what goes out is what was rendered now, whatever happens to the templates meanwhile.
   */
  async enqueue<K extends EmailKind>(manager: EntityManager, email: OutgoingEmail<K>): Promise<void> {
    const rendered = await this.renderer.render(manager, email.kind, email.variables, email.context);
    await insertAtCommit(manager, OutboxMessage, [
      { nextAttemptAt: new Date(), kind: email.kind, recipient: email.to.toLowerCase(), subject: rendered.subject, body: rendered.text, html: rendered.html },
    ]);
  }
}
