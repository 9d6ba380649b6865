import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsService } from './settings.service.js';
import { StoreSetting } from './store-setting.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([StoreSetting])],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
