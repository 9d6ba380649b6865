import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * Where the goods of an order are (its fulfilment); whether it is paid is its payment record's status
 * (order_payment), a dimension of its own, so one machine serves cash on delivery and prepaid orders
 * alike. See order-status.ts for the moves.
 */
export enum OrderStatus {
  Placed = 'placed',
  Confirmed = 'confirmed',
  Shipped = 'shipped',
  Delivered = 'delivered',
  /** Refused at the door or returned to sender: the parcel came back and its units are on the shelf again. */
  Refused = 'refused',
  Cancelled = 'cancelled',
  Refunded = 'refunded',
  /** A cash-on-delivery order from a risky phone or email, waiting for the customer's (or the owner's) word. */
  AwaitingConfirmation = 'awaiting_confirmation',
}

/**
 * How an order is paid. An open set: each payment method adds its value here (and its label in
 * payment-methods.ts); the column is a plain string, so a new method needs no change to shop_order. Each has a
 * payment record (order_payment) kept by the payment services.
 */
export enum PaymentMethod {
  CashOnDelivery = 'cod',
  BankTransfer = 'bank_transfer',
  /** Cards and wallets on Stripe Checkout's hosted page. */
  Stripe = 'stripe',
  /** Cards, wallets and bank accounts on Safepay's hosted checkout. */
  Safepay = 'safepay',
}

// "order" is a reserved word in SQL.
@Entity('shop_order')
@Index(['status', 'placedAt'])
// A customer's history, newest first.
@Index(['userId', 'placedAt'])
// The newest orders first (the dashboard, the orders list) without sorting every order; with the status
// and total in the index, the dashboard's sales per day are summed from the index alone.
@Index(['placedAt', 'status', 'totalMinor'])
// Cash-on-delivery risk (cod-risk.service.ts): refused and cancelled orders of one phone number, and of one email.
@Index(['phoneKey', 'status'])
@Index(['email', 'status'])
export class Order {
  @PrimaryGeneratedColumn()
  id: number;

  /** What the shopper and the owner quote; unguessable so a number alone reveals nothing. */
  @Index({ unique: true })
  @Column({ length: 20 })
  number: string;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ length: 254 })
  email: string;

  @Column({ length: 120 })
  fullName: string;

  @Column({ length: 40 })
  phone: string;

  /** The phone number's digits without +92, 0092 or the trunk 0 (phoneKeyOf): one key however it was typed. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneKey: string | null;

  @Column({ length: 255 })
  address: string;

  @Column({ length: 120 })
  city: string;

  @Column({ length: 20 })
  postalCode: string;

  @Column({ type: 'simple-enum', enum: OrderStatus })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 32 })
  paymentMethod: PaymentMethod;

  @Column({ length: 60 })
  shippingMethod: string;

  @Column({ length: 3 })
  currency: string;

  @Column({ type: 'int' })
  subtotalMinor: number;

  @Column({ type: 'int' })
  shippingMinor: number;

  /** The coupon's discount on the items (a free-delivery coupon shows as shippingMinor 0 instead). */
  @Column({ type: 'int', default: 0 })
  discountMinor: number;

  /** The cash-on-delivery fee, when paid that way. */
  @Column({ type: 'int', default: 0 })
  codFeeMinor: number;

  /** The tax on the items (the sum of the lines' taxMinor), included in or added to the total as taxInclusive says. */
  @Column({ type: 'int', default: 0 })
  taxMinor: number;

  /** The tax rate when the order was placed, in basis points (1,700 = 17%). */
  @Column({ type: 'int', default: 0 })
  taxRateBasisPoints: number;

  /** Whether the prices included the tax (the total then does not add it). */
  @Column({ type: 'boolean', default: false })
  taxInclusive: boolean;

  /** What the customer pays: items − discount + delivery + COD fee, plus the tax when prices exclude it. */
  @Column({ type: 'int' })
  totalMinor: number;

  /** The coupon code used, as the owner wrote it; null without one. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  couponCode: string | null;

  /**
   * The checkout form's key (see checkout-key.ts): a second submit of the same form finds this order
   * instead of placing another. Unique, so of simultaneous submits exactly one insert wins; null on
   * orders placed before checkout forms carried one.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  checkoutKey: string | null;

  /** The courier it was sent with (a Carrier value), set when it ships. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  carrier: string | null;

  /** The courier's tracking number (consignment number), set when it ships. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  trackingNumber: string | null;

  @CreateDateColumn(datetime)
  placedAt: Date;
}
