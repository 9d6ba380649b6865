import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CartLineView, CartView } from '../../cart/cart.service.js';
import { formatMoney } from '../../common/money.js';
import type { FieldErrors } from '../../common/forms.js';
import { CheckoutPayments } from '../checkout-payments.js';
import { couponCovers, couponRefusal, type CouponTerms } from '../coupons/coupon-terms.js';
import { couponCode, type CouponCustomer, Coupons } from '../coupons/coupons.service.js';
import { PaymentMethod } from '../entities/order.entity.js';
import { type PriceSummary, priceOrder } from './price-summary.js';
import type { PricingRules } from './pricing-rules.js';

/** What the shopper chose on the checkout form that bears on the price. */
export interface PricingRequest {
  city: string;
  shippingMethod?: string;
  couponCode?: string;
  paymentMethod: string;
}

export interface Quote {
  summary: PriceSummary<CartLineView>;
  /** The coupon that applies, to take a use of when the order is placed. */
  coupon: CouponTerms | null;
  /** What the shopper must change before this order can be placed, by form field. */
  problems: FieldErrors;
}

/**
 * Prices a cart for the checkout page and for placeOrder alike, from the server's prices and the
 * owner's rules: the coupon is looked up and checked (couponRefusal), the delivery methods are those
 * reaching the city, and the way of paying must be one offered for this order.
 */
@Injectable()
export class Pricing {
  constructor(
    private readonly coupons: Coupons,
    private readonly payments: CheckoutPayments,
  ) {}

  /**
   * The summary and what stands in the way of placing it. With `pickShipping` (the page), a method
   * that does not reach the city gives way to the first that does; without it (placing), it is refused.
   */
  async quote(
    manager: EntityManager,
    rules: PricingRules,
    cart: CartView,
    request: PricingRequest,
    context: { customer: CouponCustomer | null; currency: string; pickShipping: boolean },
  ): Promise<Quote> {
    const problems: FieldErrors = {};
    const coupon = request.couponCode?.trim() ? await this.applicableCoupon(manager, cart, request.couponCode, context, problems) : null;
    const price = (shippingCode: string | undefined) =>
      priceOrder(rules, {
        lines: cart.lines,
        city: request.city,
        shippingCode,
        coupon,
        cashOnDelivery: request.paymentMethod === String(PaymentMethod.CashOnDelivery),
      });
    let summary = price(request.shippingMethod);
    if (!summary.shipping) {
      const [first] = summary.shippingOptions;
      if (first && context.pickShipping) summary = price(first.code);
      else if (first) problems.shippingMethod = 'Please choose one of the delivery options offered for your city.';
      else if (request.city.trim()) problems.shippingMethod = `We have no delivery option for ${request.city.trim()}. Please check the city, or contact us.`;
    }
    if (!(await this.payments.offers(request.paymentMethod, summary))) {
      const limit = rules.cashOnDelivery.maxOrderMinor;
      problems.paymentMethod =
        request.paymentMethod === String(PaymentMethod.CashOnDelivery) && limit !== null
          ? `Cash on delivery is for orders up to ${formatMoney(limit, context.currency)}. Please choose another way to pay.`
          : 'Please choose one of the ways of paying shown.';
    }
    return { summary, coupon, problems };
  }

  private async applicableCoupon(
    manager: EntityManager,
    cart: CartView,
    typed: string,
    context: { customer: CouponCustomer | null; currency: string },
    problems: FieldErrors,
  ): Promise<CouponTerms | null> {
    const code = couponCode(typed);
    const terms = await this.coupons.termsFor(manager, code);
    if (!terms) {
      problems.couponCode = this.coupons.refusalMessage({ code, startsAt: null, endsAt: null, minSubtotalMinor: 0 }, 'unknown', context.currency);
      return null;
    }
    const eligibleMinor = cart.lines.filter((line) => couponCovers(terms, line.categoryId)).reduce((sum, line) => sum + line.lineTotalMinor, 0);
    const customerUses = context.customer?.email && terms.maxUsesPerCustomer !== null ? await this.coupons.usesBy(manager, terms.id, context.customer) : 0;
    const refusal = couponRefusal(terms, { now: new Date(), subtotalMinor: cart.subtotalMinor, eligibleMinor, customerUses });
    if (refusal === null) return terms;
    problems.couponCode = this.coupons.refusalMessage(terms, refusal, context.currency);
    return null;
  }
}
