import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentEvent } from './entities/payment-event.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';
import { PaymentPagesController } from './payment-pages.controller.js';
import { PaymentReleases } from './payment-releases.service.js';
import { PaymentWebhooksController } from './payment-webhooks.controller.js';
import { PaymentWebhooks } from './payment-webhooks.service.js';
import { PaymentsService } from './payments.service.js';
import { HostedPayments } from './providers/hosted-payments.js';
import { Refunds } from './refunds.service.js';

/**
 * The payment side of the orders module, listed here so orders.module.ts takes it in one spread each:
 * its tables, its pages and webhooks, and its services (PaymentsService and Refunds are exported for
 * the owner's panel).
 */
export const PAYMENT_ENTITIES = [OrderPayment, PaymentEvent, PaymentRefund];
export const PAYMENT_CONTROLLERS = [PaymentPagesController, PaymentWebhooksController];
export const PAYMENT_PROVIDERS = [HostedPayments, PaymentsService, PaymentWebhooks, PaymentReleases, Refunds];
export const PAYMENT_EXPORTS = [PaymentsService, Refunds];
