import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SettingsService } from './settings.service.js';
import { StoreSetting } from './store-setting.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([StoreSetting]), AuditModule],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
