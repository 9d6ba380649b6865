import type { IncomingHttpHeaders } from 'node:http';
import Stripe from 'stripe';
import type { StripeConfig } from '../../../config/payment-config.js';
import { PaymentMethod } from '../../entities/order.entity.js';
import type { PaymentOutcome } from '../payment-status.js';
import {
  type HostedPayment,
  type HostedPaymentRequest,
  type PaymentProvider,
  PaymentProviderUnavailableError,
  type ProviderEvent,
  type RefundRequest,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookRejectedError,
} from './payment-provider.js';

/** Stripe keeps a Checkout Session open for at least 30 minutes; a shorter release window still gets that. */
const SHORTEST_SESSION_MS = 31 * 60_000;

/** What each Checkout Session event means for the order's payment. */
const OUTCOMES: Record<string, (session: Stripe.Checkout.Session) => PaymentOutcome> = {
  // Cards are paid when the session completes; a delayed method (a bank debit) completes unpaid and
  // succeeds or fails later, in its own event.
  'checkout.session.completed': (session) => (session.payment_status === 'paid' ? 'paid' : 'ignored'),
  'checkout.session.async_payment_succeeded': () => 'paid',
  'checkout.session.async_payment_failed': () => 'failed',
};

/** Stripe Checkout through the official SDK: a hosted page per order, signed webhooks, refunds on the PaymentIntent. */
export class StripeCheckout implements PaymentProvider {
  readonly method = PaymentMethod.Stripe;
  private readonly stripe: Stripe;

  constructor(
    private readonly config: StripeConfig,
    timeoutMs: number,
  ) {
    // No retries of our own: a shopper waiting at checkout is better told to try again than kept waiting.
    this.stripe = new Stripe(config.secretKey, { timeout: timeoutMs, maxNetworkRetries: 0, telemetry: false, ...config.api });
  }

  async createHostedPayment(request: HostedPaymentRequest): Promise<HostedPayment> {
    const expiresAt = Math.max(request.releaseAt.getTime(), Date.now() + SHORTEST_SESSION_MS);
    try {
      const session = await this.stripe.checkout.sessions.create({
        mode: 'payment',
        client_reference_id: request.orderNumber,
        metadata: { order: request.orderNumber },
        customer_email: request.email,
        line_items: [
          {
            quantity: 1,
            price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountMinor, product_data: { name: `Order ${request.orderNumber}` } },
          },
        ],
        success_url: request.returnUrl,
        cancel_url: request.cancelUrl,
        expires_at: Math.floor(expiresAt / 1000),
      });
      if (!session.url) throw new Error('the Checkout Session has no URL');
      return { reference: session.id, url: session.url };
    } catch (error) {
      throw new PaymentProviderUnavailableError('Stripe', error instanceof Error ? error.message : String(error));
    }
  }

  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderEvent {
    const signature = headers['stripe-signature'];
    if (typeof signature !== 'string') throw new WebhookRejectedError('no Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.config.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new WebhookRejectedError(error instanceof Error ? error.message : 'not a Stripe event');
    }
    const outcome = OUTCOMES[event.type];
    if (!outcome || event.data.object.object !== 'checkout.session') {
      return { id: event.id, type: event.type, outcome: 'ignored', orderNumber: null, reference: null };
    }
    const session = event.data.object;
    const paymentIntent = session.payment_intent;
    return {
      id: event.id,
      type: event.type,
      outcome: outcome(session),
      orderNumber: session.client_reference_id,
      reference: session.id,
      providerPaymentId: typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null),
      amountMinor: session.amount_total ?? undefined,
      currency: session.currency?.toUpperCase(),
    };
  }

  async refund(request: RefundRequest): Promise<{ refundId: string | null }> {
    if (!request.providerPaymentId) throw new PaymentProviderUnavailableError('Stripe', 'the payment has no PaymentIntent to refund');
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: request.providerPaymentId, amount: request.amountMinor },
        { idempotencyKey: request.refundKey },
      );
      return { refundId: refund.id };
    } catch (error) {
      throw new PaymentProviderUnavailableError('Stripe', error instanceof Error ? error.message : String(error));
    }
  }
}
