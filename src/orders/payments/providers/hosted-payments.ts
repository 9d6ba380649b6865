import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { PaymentMethod } from '../../entities/order.entity.js';
import type { PaymentProvider } from './payment-provider.js';
import { SafepayCheckout } from './safepay.provider.js';

/** The hosted-payment providers whose keys are set (config.payments); one without keys is not offered at all. */
@Injectable()
export class HostedPayments implements OnModuleInit {
  private readonly providers = new Map<PaymentMethod, PaymentProvider>();
  private readonly methods: PaymentMethod[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { stripe, safepay, providerTimeoutMs } = config.payments;
    if (stripe) this.methods.push(PaymentMethod.Stripe);
    if (safepay) {
      this.methods.push(PaymentMethod.Safepay);
      this.providers.set(PaymentMethod.Safepay, new SafepayCheckout(safepay, providerTimeoutMs));
    }
  }

  /**
   * Stripe's SDK (a few MB of code once loaded) is imported only by a shop with Stripe keys, before the
   * shop starts serving; the others never load it.
   */
  async onModuleInit(): Promise<void> {
    const { stripe, providerTimeoutMs } = this.config.payments;
    if (!stripe) return;
    const { StripeCheckout } = await import('./stripe.provider.js');
    this.providers.set(PaymentMethod.Stripe, new StripeCheckout(stripe, providerTimeoutMs));
  }

  /** The provider of `method`, or undefined when it is not hosted or not configured. */
  get(method: PaymentMethod): PaymentProvider | undefined {
    return this.providers.get(method);
  }

  isHosted(method: PaymentMethod): boolean {
    return method === PaymentMethod.Stripe || method === PaymentMethod.Safepay;
  }

  /** The providers whose keys are set, known before their code is loaded: checkout lists them when the module starts. */
  configured(): PaymentMethod[] {
    return [...this.methods];
  }
}
