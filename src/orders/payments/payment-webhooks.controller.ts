import { Controller, HttpCode, Param, Post, type RawBodyRequest, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError } from '../../common/errors.js';
import { SignedBySender } from '../../common/csrf.js';
import { JsonExceptionFilter } from '../../common/html-exception.filter.js';
import { originOf } from '../../common/security-log.js';
import { PaymentMethod } from '../entities/order.entity.js';
import { PaymentWebhooks, type WebhookReceipt } from './payment-webhooks.service.js';

/** Where each provider's webhook is sent: its address in the provider's dashboard (README, "Payments"). */
const WEBHOOK_PROVIDERS: Record<string, PaymentMethod> = { stripe: PaymentMethod.Stripe, safepay: PaymentMethod.Safepay };

/**
 * POST /payments/webhooks/stripe and /payments/webhooks/safepay. No CSRF token (a provider cannot send
 * one): the signature over the raw body is checked instead, and a delivery whose signature fails is 400.
 * A provider is answered 200 for every event it signed, applied or not, so it stops retrying.
 */
@Controller('payments/webhooks')
@UseFilters(JsonExceptionFilter)
export class PaymentWebhooksController {
  constructor(private readonly webhooks: PaymentWebhooks) {}

  @Post(':provider')
  @HttpCode(200)
  @SignedBySender()
  receive(@Param('provider') name: string, @Req() req: RawBodyRequest<Request>): Promise<WebhookReceipt> {
    const method = Object.hasOwn(WEBHOOK_PROVIDERS, name) ? WEBHOOK_PROVIDERS[name] : undefined;
    if (!method) throw new NotFoundError('That webhook');
    return this.webhooks.receive(method, req.rawBody, req.headers, originOf(req).ip);
  }
}
