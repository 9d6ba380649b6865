import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CartModule } from '../cart/cart.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AccountOrdersController } from './account-orders.controller.js';
import { CheckoutController } from './checkout.controller.js';
import { CheckoutPages } from './checkout-pages.service.js';
import { CheckoutPayments } from './checkout-payments.js';
import { CodConfirmationController } from './cod-risk/cod-confirmation.controller.js';
import { CodConfirmationExpiry } from './cod-risk/cod-confirmation-expiry.service.js';
import { CodConfirmationLinks } from './cod-risk/cod-confirmation-links.js';
import { CodConfirmations } from './cod-risk/cod-confirmations.service.js';
import { CodRisk } from './cod-risk/cod-risk.service.js';
import { CustomerNotifier, EmailCustomerNotifier } from './cod-risk/customer-notifier.js';
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
import { orderLinksProvider, OrderLinks } from './order-links.js';
import { OrderPlacement } from './order-placement.service.js';
import { OrderTrackingController } from './order-tracking.controller.js';
import { OrdersService } from './orders.service.js';
import { PAYMENT_CONTROLLERS, PAYMENT_ENTITIES, PAYMENT_EXPORTS, PAYMENT_PROVIDERS } from './payments/payments.parts.js';
import { PricingSettings } from './pricing/pricing-settings.service.js';
import { Pricing } from './pricing/pricing.service.js';
import { InvoiceCounter } from './receipts/invoice-counter.entity.js';
import { InvoiceNumbers } from './receipts/invoice-numbers.js';
import { Invoice } from './receipts/invoice.entity.js';
import { OrderReceipt } from './receipts/order-receipt.entity.js';
import { ReceiptPagesController } from './receipts/receipt-pages.controller.js';
import { Receipts } from './receipts/receipts.service.js';
import { ReplacementOrders } from './returns/replacement-orders.js';
import { ReturnPagesController } from './returns/return-pages.controller.js';
import { ReturnLine } from './returns/return-line.entity.js';
import { ReturnRequest } from './returns/return-request.entity.js';
import { ReturnSettings } from './returns/return-settings.js';
import { Returns } from './returns/returns.service.js';
import { SalesFigures } from './sales-figures.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Order,
      OrderLine,
      OrderStatusChange,
      Coupon,
      CouponCategory,
      CouponUse,
      OrderReceipt,
      Invoice,
      InvoiceCounter,
      ReturnRequest,
      ReturnLine,
      ...PAYMENT_ENTITIES,
    ]),
    AuditModule,
    AuthModule,
    CartModule,
    CatalogModule,
    MailModule,
    SessionsModule,
    SettingsModule,
  ],
  controllers: [
    CheckoutController,
    AccountOrdersController,
    OrderTrackingController,
    CodConfirmationController,
    ReceiptPagesController,
    ReturnPagesController,
    ...PAYMENT_CONTROLLERS,
  ],
  providers: [
    OrdersService,
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
    CodRisk,
    CodConfirmationLinks,
    CodConfirmations,
    CodConfirmationExpiry,
    { provide: CustomerNotifier, useClass: EmailCustomerNotifier },
    InvoiceNumbers,
    Receipts,
    orderLinksProvider,
    Returns,
    ReturnSettings,
    ReplacementOrders,
    ...PAYMENT_PROVIDERS,
  ],
  exports: [
    OrdersService,
    CodRisk,
    InvoiceNumbers,
    Receipts,
    OrderLinks,
    Returns,
    ReturnSettings,
    CheckoutPayments,
    PricingSettings,
    CouponEditor,
    CustomerOrders,
    OrderCsvExport,
    SalesFigures,
    ...PAYMENT_EXPORTS,
  ],
})
export class OrdersModule {}
