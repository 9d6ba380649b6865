import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SettingsService } from '../settings/settings.service.js';

/**
 * The signed link of an order's tracking page, sent in its emails so the customer needs to type
 * nothing: an HMAC of the order number with the app's secret (SESSION_SECRET, or the one the instances
 * share through the database), so only the shop can make one and every instance checks it alike.
 */
@Injectable()
export class OrderTrackingLinks {
  constructor(
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The address of the order's tracking page, opened without asking for its email. */
  async urlFor(orderNumber: string): Promise<string> {
    const token = await this.tokenFor(orderNumber);
    return `${this.config.publicUrl}/orders/track/${encodeURIComponent(orderNumber)}?t=${token}`;
  }

  async verify(orderNumber: string, token: unknown): Promise<boolean> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
    const expected = Buffer.from(await this.tokenFor(orderNumber));
    return timingSafeEqual(expected, Buffer.from(token));
  }

  private async tokenFor(orderNumber: string): Promise<string> {
    const secret = await this.settings.sessionSecret(this.config.sessionSecret);
    return createHmac('sha256', secret).update(`order-tracking:${orderNumber}`).digest('base64url');
  }
}
