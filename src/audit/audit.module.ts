import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditTrail } from './audit-trail.service.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

/** The audit log: any module's admin writes record themselves through AuditTrail; the panel reads it. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
