import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { EmailRenderer } from './email-renderer.js';
import { EmailTemplateEditor } from './email-template-editor.service.js';
import { EmailTemplate } from './entities/email-template.entity.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';
import { MailService } from './mail.service.js';
import { OutboxWorker } from './outbox.worker.js';
import { SentMailPurge } from './sent-mail.purge.js';

/** The emails: their templates (defaults in views/emails, the owner's in email_template), the outbox and its worker. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, EmailTemplate]), AuditModule, SettingsModule, JobsModule],
  providers: [MailService, OutboxWorker, SentMailPurge, EmailRenderer, EmailTemplateEditor],
  exports: [MailService, OutboxWorker, EmailTemplateEditor],
})
export class MailModule {}
