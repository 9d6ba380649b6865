import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from './entities/outbox-message.entity.js';
import { MailService } from './mail.service.js';
import { OutboxWorker } from './outbox.worker.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [MailService, OutboxWorker],
  exports: [MailService, OutboxWorker],
})
export class MailModule {}
