import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { Address } from '../auth/entities/address.entity.js';
import { AuthAttempt } from '../auth/entities/auth-attempt.entity.js';
import { SessionRecord } from '../sessions/entities/session.entity.js';
import { StaffInvitation } from '../auth/entities/staff-invitation.entity.js';
import { UserToken } from '../auth/entities/user-token.entity.js';
import { User } from '../auth/entities/user.entity.js';
import { CartLine } from '../cart/entities/cart-line.entity.js';
import { Cart } from '../cart/entities/cart.entity.js';
import { Category } from '../catalog/entities/category.entity.js';
import { CoPurchase } from '../catalog/entities/co-purchase.entity.js';
import { CsvImportBatch } from '../catalog/entities/csv-import-batch.entity.js';
import { CsvImport } from '../catalog/entities/csv-import.entity.js';
import { OptionValue } from '../catalog/entities/option-value.entity.js';
import { ProductImage } from '../catalog/entities/product-image.entity.js';
import { Product } from '../catalog/entities/product.entity.js';
import { ProductSlugRedirect } from '../catalog/entities/product-slug-redirect.entity.js';
import { StockMovement } from '../catalog/entities/stock-movement.entity.js';
import { Variant } from '../catalog/entities/variant.entity.js';
import { EmailTemplate } from '../mail/entities/email-template.entity.js';
import { JobRun } from '../jobs/entities/job-run.entity.js';
import { JobLease } from '../jobs/entities/job-lease.entity.js';
import { OutboxMessage } from '../mail/entities/outbox-message.entity.js';
import { CouponCategory } from '../orders/coupons/coupon-category.entity.js';
import { CouponUse } from '../orders/coupons/coupon-use.entity.js';
import { Coupon } from '../orders/coupons/coupon.entity.js';
import { OrderLine } from '../orders/entities/order-line.entity.js';
import { OrderStatusChange } from '../orders/entities/order-status-change.entity.js';
import { Order } from '../orders/entities/order.entity.js';
import { OrderPayment } from '../orders/payments/entities/order-payment.entity.js';
import { PaymentEvent } from '../orders/payments/entities/payment-event.entity.js';
import { PaymentRefund } from '../orders/payments/entities/payment-refund.entity.js';
import { EmailUnsubscribe } from '../reminders/entities/email-unsubscribe.entity.js';
import { StockAlert } from '../reminders/entities/stock-alert.entity.js';
import { InvoiceCounter } from '../orders/receipts/invoice-counter.entity.js';
import { Invoice } from '../orders/receipts/invoice.entity.js';
import { OrderReceipt } from '../orders/receipts/order-receipt.entity.js';
import { ReturnLine } from '../orders/returns/return-line.entity.js';
import { ReturnRequest } from '../orders/returns/return-request.entity.js';
import { StoreSetting } from '../settings/store-setting.entity.js';

/** Every entity of the one shared schema; each module still registers only its own with forFeature. */
export const allEntities = [
  User,
  SessionRecord,
  UserToken,
  Address,
  AuthAttempt,
  StaffInvitation,
  Category,
  Product,
  Variant,
  ProductImage,
  OptionValue,
  ProductSlugRedirect,
  StockMovement,
  CoPurchase,
  CsvImport,
  CsvImportBatch,
  Cart,
  CartLine,
  Order,
  OrderLine,
  OrderStatusChange,
  OrderPayment,
  PaymentEvent,
  PaymentRefund,
  OrderReceipt,
  Invoice,
  InvoiceCounter,
  ReturnRequest,
  ReturnLine,
  Coupon,
  CouponCategory,
  CouponUse,
  OutboxMessage,
  EmailTemplate,
  StoreSetting,
  AuditEntry,
  JobRun,
  JobLease,
  StockAlert,
  EmailUnsubscribe,
];
