import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AdminController } from './admin.controller.js';
import { AuditController } from './audit.controller.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomerProfiles } from './customer-profile.service.js';
import { CustomersController } from './customers.controller.js';
import { AdminOrdersController } from './orders.controller.js';
import { SecuritySettingsController } from './security-settings.controller.js';
import { StaffController } from './staff.controller.js';

/** The owner's screens; a client of the other modules' services (the audit log's too), owning no tables of its own yet. */
@Module({
  imports: [OrdersModule, AuthModule, SettingsModule, AuditModule],
  controllers: [AdminController, AdminOrdersController, CustomersController, StaffController, SecuritySettingsController, AuditController],
  providers: [CustomerListService, CustomerProfiles],
})
export class AdminModule {}
