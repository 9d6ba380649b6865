import type { IncomingHttpHeaders } from 'node:http';
import { ShopError } from '../../../common/errors.js';
import type { PaymentMethod } from '../../entities/order.entity.js';
import type { PaymentOutcome } from '../payment-status.js';

/** A hosted payment to make: the order's amount, and where the provider sends the shopper back. */
export interface HostedPaymentRequest {
  orderNumber: string;
  amountMinor: number;
  currency: string;
  email: string;
  /** Where the shopper lands after paying (the shop's "payment pending" page until the webhook arrives). */
  returnUrl: string;
  /** Where the shopper lands after leaving the hosted page without paying. */
  cancelUrl: string;
  /** When the shop releases the order's stock; the provider's page should not take money much later. */
  releaseAt: Date;
}

export interface HostedPayment {
  reference: string;
  /** The provider's page for this payment. */
  url: string;
}

/** A webhook event once its signature holds, in the shop's terms. */
export interface ProviderEvent {
  id: string;
  type: string;
  outcome: PaymentOutcome;
  /** The order the event names (Stripe's client_reference_id, Safepay's order_id). */
  orderNumber: string | null;
  reference: string | null;
  /** What a refund is made against (Stripe's PaymentIntent), when the event tells it. */
  providerPaymentId?: string | null;
  amountMinor?: number;
  currency?: string;
}

export interface RefundRequest {
  reference: string;
  providerPaymentId: string | null;
  amountMinor: number;
  currency: string;
  /** Sent as the provider's idempotency key where it takes one, so a retried request refunds once. */
  refundKey: string;
}

/**
 * One provider of hosted payments (Stripe Checkout, Safepay). Card data never reaches the shop: it
 * makes a payment page, learns the result only from a signed webhook, and asks for refunds.
 */
export interface PaymentProvider {
  readonly method: PaymentMethod.Stripe | PaymentMethod.Safepay;
  createHostedPayment(request: HostedPaymentRequest): Promise<HostedPayment>;
  /** The event in the exact bytes received, once its signature and age hold; WebhookRejectedError otherwise. */
  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderEvent;
  refund(request: RefundRequest): Promise<{ refundId: string | null }>;
}

/** The provider could not be reached, timed out or answered with an error: nothing was paid. */
export class PaymentProviderUnavailableError extends ShopError {
  constructor(
    readonly provider: string,
    readonly reason: string,
  ) {
    super(`We could not reach ${provider} just now.`, 503);
  }
}

/** A webhook whose signature does not hold, is too old, or that is not the provider's JSON: answered 400, changes nothing. */
export class WebhookRejectedError extends ShopError {
  constructor(readonly reason: string) {
    super('This webhook could not be verified.', 400);
  }
}

/** Seconds a signed webhook stays acceptable: older ones are replays (Stripe's SDK uses the same default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
