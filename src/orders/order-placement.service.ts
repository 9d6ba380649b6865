import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { CartService, type CartLineView } from '../cart/cart.service.js';
import { ProductUnavailableError } from '../catalog/catalog.errors.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { StorefrontSettings } from '../catalog/storefront-settings.service.js';
import { SalesRecord } from '../catalog/sales-record.service.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { insertRows } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { MailService } from '../mail/mail.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { CheckoutPayments } from './checkout-payments.js';
import { checkoutKeyFits } from './checkout-key.js';
import { Coupons } from './coupons/coupons.service.js';
import type { CheckoutForm } from './dto/checkout.form.js';
import { OrderLine } from './entities/order-line.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { confirmationEmail } from './order-confirmation-email.js';
import { CheckoutFormExpiredError, CheckoutRefusedError, EmptyCartError, PricesChangedError } from './orders.errors.js';
import type { PriceSummary } from './pricing/price-summary.js';
import { PricingSettings } from './pricing/pricing-settings.service.js';
import { Pricing } from './pricing/pricing.service.js';
import { changesSince } from './pricing/shown-summary.js';

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
    private readonly storefront: StorefrontSettings,
    private readonly pricingSettings: PricingSettings,
    private readonly pricing: Pricing,
    private readonly coupons: Coupons,
    private readonly payments: CheckoutPayments,
    private readonly settings: SettingsService,
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
    // Read beside the transaction rather than in it: it runs while the cart is locked and priced, one
    // round trip fewer on the way to the order. Awaited where the email is queued; a failure surfaces there.
    const savedTemplate = this.mail.savedTemplate('order_confirmation');
    savedTemplate.catch(() => undefined);
    const [{ currency, shopName }, rules, bankAccount] = await Promise.all([
      this.storefront.current(),
      this.pricingSettings.current(),
      checkout.paymentMethod === PaymentMethod.BankTransfer ? this.settings.bankAccount() : null,
    ]);
    try {
      return await this.transactions.run(async (manager) => {
        const cart = await this.carts.lockForCheckout(manager, cartId);
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
        const order = await this.store(manager, { number, userId, checkout, summary, currency, key });
        if (coupon) await this.coupons.recordUse(manager, coupon, order.id, customer);
        await insertRows(manager, OrderStatusChange, [{ orderId: order.id, fromStatus: null, toStatus: OrderStatus.Placed, changedByUserId: userId }]);
        await this.payments.orderPlaced(manager, order);
        await this.mail.enqueue(manager, { ...confirmationEmail(order, summary, bankAccount), context: { shopName, savedTemplate: await savedTemplate } });
        await this.carts.empty(manager, cartId);
        return order;
      });
    } catch (error) {
      if (key !== null && isUniqueViolation(error)) {
        const placed = await this.orders.findOneBy({ checkoutKey: key });
        if (placed) return placed;
      }
      throw error;
    }
  }

  private async store(
    manager: EntityManager,
    placing: { number: string; userId: number | null; checkout: CheckoutForm; summary: PriceSummary<CartLineView>; currency: string; key: string | null },
  ): Promise<Order> {
    const { checkout, summary } = placing;
    const values = {
      number: placing.number,
      userId: placing.userId,
      email: checkout.email,
      fullName: checkout.fullName,
      phone: checkout.phone,
      address: checkout.address,
      city: checkout.city,
      postalCode: checkout.postalCode,
      status: OrderStatus.Placed,
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
    await insertRows(
      manager,
      OrderLine,
      summary.lines.map(({ line, lineTotalMinor, discountMinor, taxMinor }) => ({
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
      })),
    );
    return order;
  }
}

function newOrderNumber(): string {
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return `AK-${suffix}`;
}
