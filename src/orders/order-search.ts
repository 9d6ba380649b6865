import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../common/like.js';
import { phoneDigitsSql, phoneSearchDigits } from '../common/phone.js';
import type { DayRange } from '../common/query-filters.js';
import type { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';

/** What the owner narrows the order list by; every part is optional and they combine (all must hold). */
export interface OrderFilter {
  status?: OrderStatus;
  paymentMethod?: PaymentMethod;
  /** Placed within these store days. */
  placed?: DayRange;
  /** Part of the order number, of the email, or of the phone number (compared as digits). */
  search?: string;
}

/** Narrows a query of orders (aliased `o`) to those the filter matches. */
export function whereOrdersMatch(orders: SelectQueryBuilder<Order>, filter: OrderFilter): SelectQueryBuilder<Order> {
  if (filter.status) orders.andWhere('o.status = :status', { status: filter.status });
  if (filter.paymentMethod) orders.andWhere('o.paymentMethod = :paymentMethod', { paymentMethod: filter.paymentMethod });
  if (filter.placed?.from) orders.andWhere('o.placedAt >= :placedFrom', { placedFrom: filter.placed.from });
  if (filter.placed?.before) orders.andWhere('o.placedAt < :placedBefore', { placedBefore: filter.placed.before });
  const search = filter.search;
  if (search) {
    // Numbers are stored upper-case and emails lower-case, so each is compared in its own case on every driver.
    const digits = phoneSearchDigits(search);
    orders.andWhere(
      new Brackets((either) => {
        either.where("o.number LIKE :numberPart ESCAPE '!'", { numberPart: containsPattern(search.toUpperCase()) });
        either.orWhere("o.email LIKE :emailPart ESCAPE '!'", { emailPart: containsPattern(search.toLowerCase()) });
        if (digits) either.orWhere(`${phoneDigitsSql('o.phone')} LIKE :phoneDigits ESCAPE '!'`, { phoneDigits: containsPattern(digits) });
      }),
    );
  }
  return orders;
}
