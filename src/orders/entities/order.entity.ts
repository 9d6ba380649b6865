import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum OrderStatus {
  Placed = 'placed',
  Confirmed = 'confirmed',
  Paid = 'paid',
  Shipped = 'shipped',
  Delivered = 'delivered',
  Cancelled = 'cancelled',
  Refunded = 'refunded',
}

/** How an order is paid: each has a payment record (order_payment) kept by the payment services. */
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

  @Column({ length: 255 })
  address: string;

  @Column({ length: 120 })
  city: string;

  @Column({ length: 20 })
  postalCode: string;

  @Column({ type: 'simple-enum', enum: OrderStatus })
  status: OrderStatus;

  @Column({ type: 'simple-enum', enum: PaymentMethod })
  paymentMethod: PaymentMethod;

  @Column({ length: 60 })
  shippingMethod: string;

  @Column({ length: 3 })
  currency: string;

  @Column({ type: 'int' })
  subtotalMinor: number;

  @Column({ type: 'int' })
  shippingMinor: number;

  @Column({ type: 'int' })
  totalMinor: number;

  @CreateDateColumn(datetime)
  placedAt: Date;
}
