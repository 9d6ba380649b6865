import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AddressBookService, type DeliveryAddress, type SavedAddress } from '../auth/address-book.service.js';
import { AddressBookFullError } from '../auth/auth.errors.js';
import { CartService, type CartLineView } from '../cart/cart.service.js';
import { StorefrontSettings } from '../catalog/storefront-settings.service.js';
import type { FieldErrors } from '../common/forms.js';
import { percentOf } from '../common/percent.js';
import { CheckoutPayments, type PaymentChoice } from './checkout-payments.js';
import { checkoutKeyFits, newCheckoutKey } from './checkout-key.js';
import type { CheckoutForm } from './dto/checkout.form.js';
import { type Order, PaymentMethod } from './entities/order.entity.js';
import { OrderPlacement } from './order-placement.service.js';
import type { PriceSummary } from './pricing/price-summary.js';
import { PricingSettings } from './pricing/pricing-settings.service.js';
import { Pricing } from './pricing/pricing.service.js';
import { shownSummary } from './pricing/shown-summary.js';

/** The checkout page's values: what was typed (or filled in), with the delivery method, key and summary the page settled. */
type CheckoutValues = Record<string, unknown>;

export interface CheckoutPage {
  /** Null when the cart is empty: there is no page to show, the cart is. */
  summary: SummaryView | null;
  values: CheckoutValues;
  /** Problems the page points out before the order is placed (a refused coupon, a city no method reaches). */
  problems: FieldErrors;
  payments: PaymentChoice[];
  savedAddresses: SavedAddress[];
  signedIn: boolean;
}

/** The summary as the page prints it. */
export interface SummaryView extends Omit<PriceSummary<CartLineView>, 'lines'> {
  lines: (CartLineView & { discountMinor: number; taxMinor: number })[];
  taxRate: string;
  /** Lines to point out before paying: sold out, fewer left than asked, no longer sold. */
  warnings: string[];
}

/** What placing did: the order (new, or the one this form placed before), where to go next, a note for the shopper. */
export interface PlacedCheckout {
  order: Order;
  nextStep: string;
  note: string | null;
}

/**
 * The checkout page and its form: the summary priced as placeOrder will price it, with the methods
 * that reach the city, the ways to pay open to this order and the signed-in customer's addresses;
 * then placing the order and, if asked, saving the address.
 */
@Injectable()
export class CheckoutPages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly carts: CartService,
    private readonly storefront: StorefrontSettings,
    private readonly pricingSettings: PricingSettings,
    private readonly pricing: Pricing,
    private readonly payments: CheckoutPayments,
    private readonly addressBook: AddressBookService,
    private readonly placement: OrderPlacement,
  ) {}

  /** A signed-in customer's name, email and default address; everyone's first delivery method and cash on delivery. */
  async firstValues(user: { id: number; name: string; email: string } | undefined): Promise<CheckoutValues> {
    const saved = user ? await this.addressBook.defaultAddress(user.id) : null;
    return { fullName: user?.name, email: user?.email, ...saved, paymentMethod: PaymentMethod.CashOnDelivery };
  }

  /** The values with a saved address of the customer's filled in (the "Use this address" button). */
  async withSavedAddress(values: CheckoutValues, userId: number, addressId: number): Promise<CheckoutValues> {
    const saved: DeliveryAddress = await this.addressBook.find(userId, addressId);
    return { ...values, fullName: saved.fullName, phone: saved.phone, address: saved.address, city: saved.city, postalCode: saved.postalCode };
  }

  async page(cartId: number | undefined, typed: CheckoutValues, user: { id: number; email: string } | undefined): Promise<CheckoutPage> {
    const text = (name: string) => (typeof typed[name] === 'string' ? typed[name] : '');
    const [cart, rules, { currency }, savedAddresses] = await Promise.all([
      this.carts.view(cartId),
      this.pricingSettings.current(),
      this.storefront.current(),
      user ? this.addressBook.list(user.id) : [],
    ]);
    const base = { values: typed, problems: {}, payments: [], savedAddresses, signedIn: user !== undefined };
    if (cart.isEmpty || cart.cartId === null) return { ...base, summary: null };
    const email = text('email') || user?.email || '';
    const request = { city: text('city'), shippingMethod: text('shippingMethod'), couponCode: text('couponCode'), paymentMethod: text('paymentMethod') };
    const customer = email ? { userId: user?.id ?? null, email } : null;
    const quote = await this.pricing.quote(this.dataSource.manager, rules, cart, request, { customer, currency, pickShipping: true });
    const { summary } = quote;
    const key = text('checkoutKey');
    const values = {
      ...typed,
      shippingMethod: summary.shipping?.code ?? '',
      checkoutKey: checkoutKeyFits(key, cart.cartId) ? key : newCheckoutKey(cart.cartId),
      shown: shownSummary(summary),
    };
    return { ...base, values, problems: quote.problems, payments: await this.payments.choices(summary, currency), summary: summaryView(summary) };
  }

  /** Places the order (OrderPlacement.placeOrder) and saves the address when a signed-in customer asked to. */
  async place(cartId: number | undefined, form: CheckoutForm, userId: number | null): Promise<PlacedCheckout> {
    const order = await this.placement.placeOrder(cartId, form, userId);
    const note = form.saveAddress === '1' && userId !== null ? await this.saveAddress(userId, form) : null;
    return { order, nextStep: await this.payments.nextStep(order), note };
  }

  /** Adds the address to the book unless it is there already (a second submit of the form adds nothing). */
  private async saveAddress(userId: number, form: CheckoutForm): Promise<string | null> {
    const fields: DeliveryAddress = { fullName: form.fullName, phone: form.phone, address: form.address, city: form.city, postalCode: form.postalCode };
    const book = await this.addressBook.list(userId);
    if (book.some((saved) => (Object.keys(fields) as (keyof DeliveryAddress)[]).every((name) => saved[name] === fields[name]))) return null;
    try {
      await this.addressBook.add(userId, fields, false);
      return 'The address was saved in your address book.';
    } catch (error) {
      if (error instanceof AddressBookFullError) return `Your order is placed, but the address was not saved: ${error.message}`;
      throw error;
    }
  }
}

function summaryView(summary: PriceSummary<CartLineView>): SummaryView {
  const warnings = summary.lines.flatMap(({ line }) => {
    const what = `${line.productName} (${line.label})`;
    if (!line.available) return [`${what} is no longer sold. Please remove it from your cart.`];
    if (line.stock === 0) return [`${what} has sold out. Please remove it from your cart.`];
    if (line.shortBy > 0) return [`Only ${line.stock} of ${what} left: please lower the quantity in your cart.`];
    return [];
  });
  return {
    ...summary,
    lines: summary.lines.map(({ line, discountMinor, taxMinor }) => ({ ...line, discountMinor, taxMinor })),
    taxRate: percentOf(summary.tax.rateBasisPoints),
    warnings,
  };
}
