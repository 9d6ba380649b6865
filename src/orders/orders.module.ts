import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CartModule } from '../cart/cart.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AccountOrdersController } from './account-orders.controller.js';
import { CheckoutController } from './checkout.controller.js';
import { CheckoutPages } from './checkout-pages.service.js';
import { CheckoutPayments } from './checkout-payments.js';
import { CouponCategory } from './coupons/coupon-category.entity.js';
import { CouponEditor } from './coupons/coupon-editor.service.js';
import { CouponUse } from './coupons/coupon-use.entity.js';
import { Coupon } from './coupons/coupon.entity.js';
import { Coupons } from './coupons/coupons.service.js';
import { CustomerOrders } from './customer-orders.service.js';
import { OrderLine } from './entities/order-line.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order } from './entities/order.entity.js';
import { OrderCsvExport } from './order-csv-export.service.js';
import { OrderPlacement } from './order-placement.service.js';
import { OrderTrackingLinks } from './order-tracking-links.js';
import { OrderTrackingController } from './order-tracking.controller.js';
import { OrdersService } from './orders.service.js';
import { PAYMENT_CONTROLLERS, PAYMENT_ENTITIES, PAYMENT_EXPORTS, PAYMENT_PROVIDERS } from './payments/payments.parts.js';
import { PricingSettings } from './pricing/pricing-settings.service.js';
import { Pricing } from './pricing/pricing.service.js';
import { SalesFigures } from './sales-figures.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Order, OrderLine, OrderStatusChange, Coupon, CouponCategory, CouponUse, ...PAYMENT_ENTITIES]),
    AuditModule,
    AuthModule,
    CartModule,
    CatalogModule,
    MailModule,
    SettingsModule,
  ],
  controllers: [CheckoutController, AccountOrdersController, OrderTrackingController, ...PAYMENT_CONTROLLERS],
  providers: [
    OrdersService,
    OrderTrackingLinks,
    OrderPlacement,
    CheckoutPages,
    CheckoutPayments,
    Pricing,
    PricingSettings,
    Coupons,
    CouponEditor,
    CustomerOrders,
    OrderCsvExport,
    SalesFigures,
    ...PAYMENT_PROVIDERS,
  ],
  exports: [OrdersService, CheckoutPayments, PricingSettings, CouponEditor, CustomerOrders, OrderCsvExport, SalesFigures, ...PAYMENT_EXPORTS],
})
export class OrdersModule {}
