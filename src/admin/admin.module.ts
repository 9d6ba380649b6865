import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AdminController } from './admin.controller.js';
import { CsvController } from './csv.controller.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomersController } from './customers.controller.js';
import { ProductPicturesController } from './product-pictures.controller.js';
import { SecuritySettingsController } from './security-settings.controller.js';
import { StaffController } from './staff.controller.js';
import { StoreSettingsController } from './store-settings.controller.js';

/** The owner's screens; a client of the other modules' services, owning no tables of its own yet. */
@Module({
  imports: [OrdersModule, AuthModule, CatalogModule, SessionsModule, SettingsModule],
  controllers: [
    AdminController,
    CustomersController,
    StaffController,
    SecuritySettingsController,
    StoreSettingsController,
    ProductPicturesController,
    CsvController,
  ],
  providers: [CustomerListService],
})
export class AdminModule {}
