import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailRenderer } from './email-renderer.js';
import { EmailTemplate } from './entities/email-template.entity.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';
import { MailService } from './mail.service.js';
import { OutboxWorker } from './outbox.worker.js';

/** The emails: their templates (defaults in views/emails, the owner's in email_template), the outbox and its worker. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, EmailTemplate])],
  providers: [MailService, OutboxWorker, EmailRenderer],
  exports: [MailService, OutboxWorker],
})
export class MailModule {}
