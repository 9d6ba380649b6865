import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SafepayConfig } from '../../../config/payment-config.js';
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

/** What each Safepay event means for the order's payment; refunds are the shop's own doing and change nothing here. */
const OUTCOMES: Record<string, PaymentOutcome> = {
  'payment.completed': 'paid',
  'payment.succeeded': 'paid',
  'payment.failed': 'failed',
  'payment.rejected': 'failed',
};

/** A Safepay webhook's body as documented: the event's id and type, and the payment it is about. */
interface SafepayWebhook {
  id?: unknown;
  type?: unknown;
  data?: { tracker?: unknown; order_id?: unknown; amount?: unknown; currency?: unknown };
}

/**
 * Safepay's hosted checkout over its documented HTTP API (the order API, the hosted checkout link, and
 * signed webhooks). Not @sfpy/node-sdk: its API and checkout hosts are fixed to Safepay's own (no host or
 * port to point at a local fake), its webhook check hashes a re-serialised JSON.stringify of the body
 * instead of the bytes received (and compares with ===), it has no refunds, and it brings axios 0.26
 * and ts-node at run time. README, "Payments", says the same for the owner.
 */
export class SafepayCheckout implements PaymentProvider {
  readonly method = PaymentMethod.Safepay;

  constructor(
    private readonly config: SafepayConfig,
    private readonly timeoutMs: number,
  ) {}

  /** A tracker for the amount (POST /order/payments/v3/), then the hosted checkout link that carries it. */
  async createHostedPayment(request: HostedPaymentRequest): Promise<HostedPayment> {
    const answer = await this.call('/order/payments/v3/', {
      merchant_api_key: this.config.apiKey,
      intent: 'CYBERSOURCE',
      mode: 'payment',
      currency: request.currency,
      amount: request.amountMinor,
    });
    const tracker = (answer as { data?: { tracker?: { token?: unknown } } }).data?.tracker?.token;
    if (typeof tracker !== 'string') throw new PaymentProviderUnavailableError('Safepay', 'the answer named no tracker');
    const query = new URLSearchParams({
      env: this.config.environment,
      beacon: tracker,
      order_id: request.orderNumber,
      source: 'custom',
      redirect_url: request.returnUrl,
      cancel_url: request.cancelUrl,
      webhooks: 'true',
    });
    return { reference: tracker, url: `${this.config.checkoutUrl}?${query.toString()}` };
  }

  /**
   * Safepay's documented scheme: X-SFPY-SIGNATURE is the hex HMAC-SHA256 of `${X-SFPY-TIMESTAMP}.${raw body}`,
   * keyed with the base64-decoded webhook secret; the body is parsed only once that holds.
   */
  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderEvent {
    const signature = headers['x-sfpy-signature'];
    const timestamp = headers['x-sfpy-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string') throw new WebhookRejectedError('no X-SFPY-SIGNATURE or X-SFPY-TIMESTAMP header');
    const expected = signSafepayWebhook(this.config.webhookSecret, timestamp, rawBody);
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8')))
      throw new WebhookRejectedError('the signature does not match');
    const sentAt = Date.parse(timestamp);
    if (Number.isNaN(sentAt) || Math.abs(Date.now() - sentAt) > WEBHOOK_TOLERANCE_SECONDS * 1000) throw new WebhookRejectedError('the timestamp is too old');
    let body: SafepayWebhook;
    try {
      body = JSON.parse(rawBody.toString('utf8')) as SafepayWebhook;
    } catch {
      throw new WebhookRejectedError('the body is not JSON');
    }
    if (typeof body.id !== 'string' || typeof body.type !== 'string') throw new WebhookRejectedError('the event has no id or type');
    const data = body.data ?? {};
    return {
      id: body.id,
      type: body.type,
      outcome: OUTCOMES[body.type] ?? 'ignored',
      orderNumber: typeof data.order_id === 'string' ? data.order_id : null,
      reference: typeof data.tracker === 'string' ? data.tracker : null,
      amountMinor: typeof data.amount === 'number' ? data.amount : undefined,
      currency: typeof data.currency === 'string' ? data.currency : undefined,
    };
  }

  /** POST /order/payments/v3/{tracker}/refund: full or partial, as many as add up to the payment. */
  async refund(request: RefundRequest): Promise<{ refundId: string | null }> {
    const answer = await this.call(`/order/payments/v3/${encodeURIComponent(request.reference)}/refund`, {
      currency: request.currency,
      amount: request.amountMinor,
    });
    const refund = (answer as { data?: { refund?: { token?: unknown } } }).data?.refund?.token;
    return { refundId: typeof refund === 'string' ? refund : null };
  }

  private async call(path: string, body: Record<string, unknown>): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.config.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sfpy-merchant-secret': this.config.secretKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new PaymentProviderUnavailableError('Safepay', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw new PaymentProviderUnavailableError('Safepay', `answered ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new PaymentProviderUnavailableError('Safepay', 'answered with something that is not JSON');
    }
  }
}

/** The X-SFPY-SIGNATURE of a webhook body sent at `timestamp` (the shop checks with it; tests sign with it). */
export function signSafepayWebhook(base64Secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', Buffer.from(base64Secret, 'base64')).update(`${timestamp}.`).update(rawBody).digest('hex');
}
