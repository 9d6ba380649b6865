import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { CartService, type CartLineView } from '../cart/cart.service.js';
import { ProductUnavailableError } from '../catalog/catalog.errors.js';
import { ShopError } from '../common/errors.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { StorefrontSettings } from '../catalog/storefront-settings.service.js';
import { SalesRecord } from '../catalog/sales-record.service.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { insertAtCommit, insertRows } from '../database/statements.js';
import { Transactions } from '../database/transactions.js';
import { MailService } from '../mail/mail.service.js';
import { phoneKeyOf } from '../common/phone.js';
import { SettingsService } from '../settings/settings.service.js';
import { CheckoutPayments } from './checkout-payments.js';
import { checkoutKeyFits } from './checkout-key.js';
import { CodConfirmationLinks } from './cod-risk/cod-confirmation-links.js';
import { CodRisk } from './cod-risk/cod-risk.service.js';
import { CustomerNotifier } from './cod-risk/customer-notifier.js';
import { Coupons } from './coupons/coupons.service.js';
import type { CheckoutForm } from './dto/checkout.form.js';
import { OrderLine } from './entities/order-line.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { confirmationEmail } from './order-confirmation-email.js';
import { OrderLinks } from './order-links.js';
import { CheckoutFormExpiredError, CheckoutRefusedError, EmptyCartError, PricesChangedError } from './orders.errors.js';
import type { PriceSummary } from './pricing/price-summary.js';
import { PricingSettings } from './pricing/pricing-settings.service.js';
import { Pricing } from './pricing/pricing.service.js';
import { changesSince } from './pricing/shown-summary.js';
import { OrderReceipt } from './receipts/order-receipt.entity.js';
import { receiptOf } from './receipts/receipt.js';

// No 0/O or 1/I: order numbers are read out over the phone.
const NUMBER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Placing an order: the one transaction that turns a cart into an order. */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly transactions: Transactions,
    private readonly carts: CartService,
    private readonly inventory: InventoryService,
    private readonly sales: SalesRecord,
    private readonly mail: MailService,
    private readonly orderLinks: OrderLinks,
    private readonly storefront: StorefrontSettings,
    private readonly pricingSettings: PricingSettings,
    private readonly pricing: Pricing,
    private readonly coupons: Coupons,
    private readonly payments: CheckoutPayments,
    private readonly settings: SettingsService,
    private readonly codRisk: CodRisk,
    private readonly confirmationLinks: CodConfirmationLinks,
    private readonly notifier: CustomerNotifier,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
  ) {}

  /**
   * Places the order for everything in the cart, all in one transaction: the cart is locked; the order
   * is priced afresh from the server's prices and the owner's rules (Pricing.quote, the same as the
   * page's summary, so no field of the form can change an amount) and refused, placing nothing, when
   * a field must change or the amounts differ from what the page showed (`shown`); the coupon's use is
   * taken with a conditional update; each variant's stock is taken with a conditional update (so the
   * last unit goes to exactly one buyer); the order and its lines are stored with the amounts of this
   * moment, its history starts, the payment method records what it must, the confirmation email is
   * queued, and the cart is emptied. Any failure leaves nothing behind.
   *
   * A cash-on-delivery order whose phone number or email has as many refused or cancelled orders as the
   * owner's risk threshold (CodRisk) starts in "awaiting confirmation" instead of placed, its stock taken
   * all the same, and its customer is asked to confirm it (CustomerNotifier) instead of the confirmation.
   *
   * With the form's checkout key (checkout-key.ts), the same form submitted again answers the order it
   * placed: the second submit waits on the cart's lock (or finds it free once the first has committed),
   * then finds the cart empty and that order. (Not looked up before the transaction: a resubmit is rare,
   * and every order would pay for the query.) Should the cart have been filled again meanwhile, the
   * key's unique index refuses a second order and that submit answers the first.
   */
  async placeOrder(cartId: number | undefined, checkout: CheckoutForm, userId: number | null): Promise<Order> {
    const key = checkout.checkoutKey || null;
    if (key !== null && !checkoutKeyFits(key, cartId)) throw new CheckoutFormExpiredError();
    if (!cartId) throw new EmptyCartError();
    const cashOnDelivery = checkout.paymentMethod === PaymentMethod.CashOnDelivery;
    // Read beside the transaction rather than in it: it runs while the cart is locked and priced, one
    // round trip fewer on the way to the order. Awaited where the email is queued; a failure surfaces there.
    const savedTemplate = this.mail.savedTemplate('order_confirmation');
    savedTemplate.catch(() => undefined);
    const [{ currency, shopName }, rules, bankAccount, riskThreshold] = await Promise.all([
      this.storefront.current(),
      this.pricingSettings.current(),
      checkout.paymentMethod === PaymentMethod.BankTransfer ? this.settings.bankAccount() : null,
      cashOnDelivery ? this.codRisk.threshold() : 0,
    ]);
    try {
      return await this.transactions.run(async (manager) => {
        const cart = await this.carts.lockForCheckout(manager, cartId, userId === null ? checkout.email : null);
        if (cart.isEmpty) {
          const placed = key === null ? null : await manager.findOneBy(Order, { checkoutKey: key });
          if (placed) return placed;
          throw new EmptyCartError();
        }
        const gone = cart.lines.find((line) => !line.available);
        if (gone) throw new ProductUnavailableError(`${gone.productName} (${gone.label})`);
        const customer = { userId, email: checkout.email };
        const { summary, coupon, problems } = await this.pricing.quote(manager, rules, cart, checkout, { customer, currency, pickShipping: false });
        if (Object.keys(problems).length > 0) throw new CheckoutRefusedError(problems);
        const changes = checkout.shown === undefined ? [] : changesSince(checkout.shown, summary, currency);
        if (changes.length > 0) throw new PricesChangedError(changes);
        // The coupon first: a shopper who lost the race for its last use is told before any stock is locked.
        if (coupon) await this.coupons.claim(manager, coupon, customer, currency);
        const number = newOrderNumber();
        await this.inventory.takeForOrder(manager, cart.lines, number);
        await this.sales.orderPlaced(manager, cart.lines);
        const phoneKey = phoneKeyOf(checkout.phone);
        const risky = riskThreshold > 0 && (await this.codRisk.countsWithin(manager, [{ phoneKey, email: checkout.email }]))[0] >= riskThreshold;
        const status = risky ? OrderStatus.AwaitingConfirmation : OrderStatus.Placed;
        const order = await this.store(manager, { number, userId, checkout, summary, currency, key, phoneKey, status, shopName });
        if (coupon) await this.coupons.recordUse(manager, coupon, order.id, customer);
        await insertAtCommit(manager, OrderStatusChange, [{ orderId: order.id, fromStatus: null, toStatus: status, changedByUserId: userId }]);
        await this.payments.orderPlaced(manager, order);
        if (risky) await this.notifier.askToConfirm(manager, order, this.confirmationLinks.urlFor(order.number));
        else {
          const email = confirmationEmail(order, summary, bankAccount, this.orderLinks.trackingUrl(order.number));
          await this.mail.enqueue(manager, { ...email, context: { shopName, savedTemplate: await savedTemplate } });
        }
        await this.carts.empty(manager, cartId);
        return order;
      });
    } catch (error) {
      if (key !== null && isUniqueViolation(error)) {
        const placed = await this.orders.findOneBy({ checkoutKey: key });
        if (placed) return placed;
      }
      // A guest refused (a coupon used up, a size sold out) may still be reminded of the cart by email.
      if (userId === null && error instanceof ShopError) await this.carts.rememberEmail(cartId, checkout.email).catch(() => undefined);
      throw error;
    }
  }

  private async store(
    manager: EntityManager,
    placing: {
      number: string;
      userId: number | null;
      checkout: CheckoutForm;
      summary: PriceSummary<CartLineView>;
      currency: string;
      key: string | null;
      phoneKey: string | null;
      status: OrderStatus;
      /** The shop's name as the receipt shows it. */
      shopName: string;
    },
  ): Promise<Order> {
    const { checkout, summary } = placing;
    const values = {
      number: placing.number,
      userId: placing.userId,
      // Lower-case (the form makes it so; a caller below it may not), so the risk count finds every order of an address.
      email: checkout.email.toLowerCase(),
      fullName: checkout.fullName,
      phone: checkout.phone,
      phoneKey: placing.phoneKey,
      address: checkout.address,
      city: checkout.city,
      postalCode: checkout.postalCode,
      status: placing.status,
      paymentMethod: checkout.paymentMethod,
      shippingMethod: summary.shipping?.name ?? '',
      currency: placing.currency,
      subtotalMinor: summary.subtotalMinor,
      discountMinor: summary.discountMinor,
      shippingMinor: summary.shippingMinor,
      codFeeMinor: summary.codFeeMinor,
      taxMinor: summary.taxMinor,
      taxRateBasisPoints: summary.tax.rateBasisPoints,
      taxInclusive: summary.tax.inclusive,
      totalMinor: summary.totalMinor,
      couponCode: summary.coupon?.code ?? null,
      checkoutKey: placing.key,
      // Set here rather than by the database, so the order is answered without reading it back.
      placedAt: new Date(),
    };
    const orderId = await insertRows(manager, Order, [values]);
    const order = Object.assign(new Order(), values, { id: orderId });
    const lines = summary.lines.map(({ line, lineTotalMinor, discountMinor, taxMinor }) => ({
      orderId,
      variantId: line.variantId,
      sku: line.sku,
      productName: line.productName,
      variantLabel: line.label,
      unitPriceMinor: line.priceMinor,
      quantity: line.quantity,
      lineTotalMinor,
      discountMinor,
      taxMinor,
    }));
    await insertAtCommit(manager, OrderLine, lines);
    // The receipt as of this moment, committed with the order: later edits to products, prices or the
    // order's address cannot change what was bought.
    const receipt = receiptOf(order, lines, placing.shopName);
    await insertAtCommit(manager, OrderReceipt, [{ orderId, body: JSON.stringify(receipt) }]);
    return order;
  }
}

export function newOrderNumber(): string {
  return `AK-${unambiguousCode(8)}`;
}

/** Random characters of NUMBER_ALPHABET, for numbers read out over the phone (orders, returns). */
export function unambiguousCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return code;
}
