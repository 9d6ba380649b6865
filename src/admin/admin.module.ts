import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AdminController } from './admin.controller.js';
import { AuditController } from './audit.controller.js';
import { CategoriesController } from './categories.controller.js';
import { CouponsController } from './coupons.controller.js';
import { CsvController } from './csv.controller.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomerProfiles } from './customer-profile.service.js';
import { CustomersController } from './customers.controller.js';
import { DashboardService } from './dashboard.service.js';
import { EmailTemplatesController } from './email-templates.controller.js';
import { InventoryPages } from './inventory-pages.service.js';
import { InventoryController } from './inventory.controller.js';
import { LowStockDigest } from './low-stock-digest.service.js';
import { OrderDocumentsController } from './order-documents.controller.js';
import { AdminOrderPage } from './order-page.js';
import { OrderPaymentsController } from './order-payments.controller.js';
import { AdminOrderBulkController } from './order-bulk.controller.js';
import { AdminOrdersController } from './orders.controller.js';
import { PaymentSettingsController } from './payment-settings.controller.js';
import { ProductEditorPages } from './product-editor.page.js';
import { ProductPicturesController } from './product-pictures.controller.js';
import { ProductsController } from './products.controller.js';
import { ReturnSettingsController } from './return-settings.controller.js';
import { AdminReturnsController } from './returns.controller.js';
import { SecuritySettingsController } from './security-settings.controller.js';
import { ShippingSettingsController } from './shipping-settings.controller.js';
import { StaffController } from './staff.controller.js';
import { StoreSettingsController } from './store-settings.controller.js';
import { SystemController } from './system.controller.js';
import { TaxSettingsController } from './tax-settings.controller.js';
import { CodRiskSettingsController } from './cod-risk-settings.controller.js';

/** The owner's screens and the owner's daily stock digest; a client of the other modules' services (the audit log's too), owning no tables of its own. */
@Module({
  imports: [OrdersModule, AuthModule, CatalogModule, SessionsModule, SettingsModule, AuditModule, MailModule, JobsModule],
  controllers: [
    AdminController,
    // Before AdminOrdersController, whose :number routes would otherwise read "bulk" as an order number.
    AdminOrderBulkController,
    AdminOrdersController,
    CustomersController,
    ProductsController,
    ProductPicturesController,
    CategoriesController,
    InventoryController,
    StaffController,
    StoreSettingsController,
    SecuritySettingsController,
    ShippingSettingsController,
    TaxSettingsController,
    CodRiskSettingsController,
    CouponsController,
    EmailTemplatesController,
    AuditController,
    SystemController,
    CsvController,
    OrderPaymentsController,
    OrderDocumentsController,
    AdminReturnsController,
    ReturnSettingsController,
    PaymentSettingsController,
  ],
  providers: [AdminOrderPage, CustomerListService, CustomerProfiles, ProductEditorPages, InventoryPages, DashboardService, LowStockDigest],
})
export class AdminModule {}
