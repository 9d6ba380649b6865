import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { PaymentMethod } from '../../entities/order.entity.js';
import type { PaymentProvider } from './payment-provider.js';
import { SafepayCheckout } from './safepay.provider.js';
import { StripeCheckout } from './stripe.provider.js';

/** The hosted-payment providers whose keys are set (config.payments); one without keys is not offered at all. */
@Injectable()
export class HostedPayments {
  private readonly providers = new Map<PaymentMethod, PaymentProvider>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { stripe, safepay, providerTimeoutMs } = config.payments;
    if (stripe) this.providers.set(PaymentMethod.Stripe, new StripeCheckout(stripe, providerTimeoutMs));
    if (safepay) this.providers.set(PaymentMethod.Safepay, new SafepayCheckout(safepay, providerTimeoutMs));
  }

  /** The provider of `method`, or undefined when it is not hosted or not configured. */
  get(method: PaymentMethod): PaymentProvider | undefined {
    return this.providers.get(method);
  }

  isHosted(method: PaymentMethod): boolean {
    return method === PaymentMethod.Stripe || method === PaymentMethod.Safepay;
  }

  configured(): PaymentMethod[] {
    return [...this.providers.keys()];
  }
}
