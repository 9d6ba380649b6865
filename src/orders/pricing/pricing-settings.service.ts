import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../../audit/actor.js';
import { cacheKey, CatalogCache } from '../../catalog/cache/catalog-cache.js';
import { Transactions } from '../../database/transactions.js';
import { SettingsService } from '../../settings/settings.service.js';
import {
  type CashOnDeliveryRule,
  DEFAULT_PRICING_RULES,
  type PricingRules,
  type ShippingMethodRule,
  type ShippingZone,
  type TaxRule,
} from './pricing-rules.js';

/** Each rule's row in store_setting. */
const KEYS = {
  zones: 'shipping_zones',
  methods: 'shipping_methods',
  taxRate: 'tax_rate_bp',
  taxInclusive: 'tax_inclusive',
  codFee: 'cod_fee_minor',
  codMaxOrder: 'cod_max_order_minor',
} as const;

/** What /admin/settings/shipping saves together: zones and methods refer to each other by position. */
export interface ShippingSettings {
  zones: ShippingZone[];
  methods: ShippingMethodRule[];
  cashOnDelivery: CashOnDeliveryRule;
}

/**
 * The owner's pricing rules, kept as store settings and saved audited. Every checkout page and order
 * reads them, so they are kept in the catalog cache beside the storefront's settings: a read costs no
 * query, and a save starts a new generation that every instance sees (at once with Redis, within a
 * second without).
 */
@Injectable()
export class PricingSettings {
  private readonly logger = new Logger('PricingSettings');

  constructor(
    private readonly settings: SettingsService,
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
  ) {}

  /** The rules in force, shared (frozen) by every request until they change. */
  current(): Promise<PricingRules> {
    return this.cache.remember(cacheKey('pricingRules', []), () => this.saved());
  }

  private async saved(): Promise<PricingRules> {
    const saved = await this.settings.valuesOf(Object.values(KEYS));
    const number = (key: string, fallback: number | null) => {
      const value = saved.get(key);
      return value === undefined || value === '' ? fallback : Number(value);
    };
    return {
      zones: this.json(saved.get(KEYS.zones), DEFAULT_PRICING_RULES.zones),
      methods: this.json(saved.get(KEYS.methods), DEFAULT_PRICING_RULES.methods),
      tax: {
        rateBasisPoints: number(KEYS.taxRate, DEFAULT_PRICING_RULES.tax.rateBasisPoints) ?? 0,
        inclusive: (saved.get(KEYS.taxInclusive) ?? String(DEFAULT_PRICING_RULES.tax.inclusive)) === 'true',
      },
      cashOnDelivery: {
        feeMinor: number(KEYS.codFee, DEFAULT_PRICING_RULES.cashOnDelivery.feeMinor) ?? 0,
        maxOrderMinor: number(KEYS.codMaxOrder, DEFAULT_PRICING_RULES.cashOnDelivery.maxOrderMinor),
      },
    };
  }

  async saveShipping(shipping: ShippingSettings, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      await this.settings.saveValues(
        manager,
        {
          [KEYS.zones]: JSON.stringify(shipping.zones),
          [KEYS.methods]: JSON.stringify(shipping.methods),
          [KEYS.codFee]: String(shipping.cashOnDelivery.feeMinor),
          [KEYS.codMaxOrder]: shipping.cashOnDelivery.maxOrderMinor === null ? '' : String(shipping.cashOnDelivery.maxOrderMinor),
        },
        actor,
      );
    });
  }

  async saveTax(tax: TaxRule, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      await this.settings.saveValues(manager, { [KEYS.taxRate]: String(tax.rateBasisPoints), [KEYS.taxInclusive]: String(tax.inclusive) }, actor);
    });
  }

  /** A saved list; one that cannot be read (edited by hand in the database) falls back to the default, loudly. */
  private json<T>(value: string | undefined, fallback: T): T {
    if (value === undefined) return fallback;
    try {
      return JSON.parse(value) as T;
    } catch {
      this.logger.error({ event: 'pricing_setting_unreadable', value: value.slice(0, 80) });
      return fallback;
    }
  }
}
