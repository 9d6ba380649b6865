import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AdminController } from './admin.controller.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomersController } from './customers.controller.js';
import { DashboardService } from './dashboard.service.js';
import { InventoryPages } from './inventory-pages.service.js';
import { InventoryController } from './inventory.controller.js';
import { LowStockDigest } from './low-stock-digest.service.js';
import { SecuritySettingsController } from './security-settings.controller.js';
import { StaffController } from './staff.controller.js';

/** The owner's screens and the owner's daily stock digest; a client of the other modules' services, owning no tables of its own. */
@Module({
  imports: [OrdersModule, AuthModule, SettingsModule, CatalogModule, MailModule, JobsModule],
  controllers: [AdminController, CustomersController, StaffController, SecuritySettingsController, InventoryController],
  providers: [CustomerListService, InventoryPages, DashboardService, LowStockDigest],
})
export class AdminModule {}
