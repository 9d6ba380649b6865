import { Controller, Get, Inject, Render } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PricingSettings } from '../orders/pricing/pricing-settings.service.js';
import { deliveryTerms } from '../orders/pricing/shipping-rates.js';
import { ReturnSettings } from '../orders/returns/return-settings.js';

/** The shop's help pages linked from the footer: shipping, returns and contact. */
@Controller('pages')
export class PagesController {
  constructor(
    private readonly pricing: PricingSettings,
    private readonly returnSettings: ReturnSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('shipping')
  @Render('pages/shipping')
  async shipping() {
    // Read from the same rules checkout prices with, so this page cannot promise a price checkout does not charge.
    return { title: 'Shipping & delivery', deliveryMethods: deliveryTerms(await this.pricing.current()) };
  }

  @Get('returns')
  @Render('pages/returns')
  async returns() {
    return { title: 'Returns & exchanges', contactEmail: contactEmail(this.config), windowDays: await this.returnSettings.windowDays() };
  }

  @Get('contact')
  @Render('pages/contact')
  contact() {
    return { title: 'Contact us', contactEmail: contactEmail(this.config) };
  }
}

/** The address our mail comes from ("Anarkali <shop@example.pk>" → "shop@example.pk"): replies reach the shop there. */
function contactEmail(config: AppConfig): string {
  return /<([^>]+)>/.exec(config.mail.from)?.[1] ?? config.mail.from;
}
