import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Changer } from '../../audit/actor.js';
import { SettingsService } from '../../settings/settings.service.js';
import { OrderLine } from '../entities/order-line.entity.js';
import { OrderStatusChange } from '../entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { newOrderNumber } from '../order-placement.service.js';
import { OrderReceipt } from '../receipts/order-receipt.entity.js';
import { receiptOf } from '../receipts/receipt.js';

/** A replacement sent for an exchanged line: the variant, and what the customer still owes a unit (the price difference, never below zero). */
export interface ReplacementLine {
  variantId: number;
  sku: string;
  productName: string;
  variantLabel: string;
  unitPriceMinor: number;
  quantity: number;
}

/**
 * The linked order that ships an exchange's replacements: a new order to the original's customer and
 * address, priced at the difference only, its history starting with the return it answers. Its units
 * were taken off the shelf when the exchange was asked for (the reservation), so nothing is taken again.
 */
@Injectable()
export class ReplacementOrders {
  constructor(private readonly settings: SettingsService) {}

  async create(manager: EntityManager, original: Order, lines: ReplacementLine[], returnNumber: string, actor: Changer): Promise<Order> {
    const subtotalMinor = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
    const values = {
      number: newOrderNumber(),
      userId: original.userId,
      email: original.email,
      fullName: original.fullName,
      phone: original.phone,
      address: original.address,
      city: original.city,
      postalCode: original.postalCode,
      status: OrderStatus.Placed,
      // A difference to pay is collected at the door; an even exchange owes nothing, and keeps the original's method for the record.
      paymentMethod: subtotalMinor > 0 ? PaymentMethod.CashOnDelivery : original.paymentMethod,
      shippingMethod: original.shippingMethod,
      currency: original.currency,
      subtotalMinor,
      shippingMinor: 0,
      discountMinor: 0,
      codFeeMinor: 0,
      taxMinor: 0,
      taxRateBasisPoints: 0,
      taxInclusive: original.taxInclusive,
      totalMinor: subtotalMinor,
      couponCode: null,
      checkoutKey: null,
      placedAt: new Date(),
    };
    const inserted = await manager.insert(Order, { ...values });
    const orderId = Number(inserted.identifiers[0].id);
    const order = Object.assign(new Order(), values, { id: orderId });
    const orderLines = lines.map((line) => ({
      orderId,
      variantId: line.variantId,
      sku: line.sku,
      productName: line.productName,
      variantLabel: line.variantLabel,
      unitPriceMinor: line.unitPriceMinor,
      quantity: line.quantity,
      lineTotalMinor: line.unitPriceMinor * line.quantity,
      discountMinor: 0,
      taxMinor: 0,
    }));
    await manager.insert(OrderLine, orderLines);
    await manager.insert(OrderStatusChange, {
      orderId,
      fromStatus: null,
      toStatus: OrderStatus.Placed,
      changedByUserId: actor.userId,
      note: `Replacement for order ${original.number} (return ${returnNumber})`,
    });
    const receipt = receiptOf(order, orderLines, await this.settings.shopNameWithin(manager));
    await manager.insert(OrderReceipt, { orderId, body: JSON.stringify(receipt) });
    return order;
  }
}
