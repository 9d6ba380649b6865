import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { CartModule } from '../cart/cart.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CartReminders } from './cart-reminders.service.js';
import { EmailUnsubscribe } from './entities/email-unsubscribe.entity.js';
import { StockAlert } from './entities/stock-alert.entity.js';
import { RemindersController } from './reminders.controller.js';
import { StockAlerts } from './stock-alerts.service.js';
import { Unsubscribes } from './unsubscribes.service.js';

/** Emails that bring shoppers back: the abandoned-cart reminder (with its unsubscribe link) and "back in stock". */
@Module({
  imports: [TypeOrmModule.forFeature([StockAlert, EmailUnsubscribe]), AuthModule, CartModule, CatalogModule, MailModule, SessionsModule],
  controllers: [RemindersController],
  providers: [CartReminders, StockAlerts, Unsubscribes],
  exports: [CartReminders, StockAlerts],
})
export class RemindersModule {}
