import { ShopError } from '../common/errors.js';
import type { FieldErrors } from '../common/forms.js';

export class EmptyCartError extends ShopError {
  constructor() {
    super('Your cart is empty.', 409);
  }
}

export class StatusChangeNotAllowedError extends ShopError {
  constructor(from: string, to: string) {
    super(`An order that is ${from} cannot be marked ${to}.`, 409);
  }
}

/** An order cannot ship without its courier and tracking number: the message of each field that is missing. */
export class ShipmentRefusedError extends ShopError {
  constructor(readonly fields: FieldErrors) {
    super(Object.values(fields).join(' ') || 'Enter the courier and tracking number.', 422);
  }
}

/** A prepaid order ships only once its payment has arrived. */
export class UnpaidShipmentError extends ShopError {
  constructor(orderNumber: string, method: string) {
    super(`Order ${orderNumber} is paid by ${method} and its payment has not arrived yet: it can ship once it is paid.`, 409);
  }
}

/** The customer's cancellation came too late: the order has shipped (or was cancelled) meanwhile. */
export class CancellationRefusedError extends ShopError {
  constructor() {
    super(
      'This order can no longer be cancelled: it has been shipped or cancelled already. If you do not want it, you can refuse it at the door or return it.',
      409,
    );
  }
}

/** A payment step that does not fit the order (cash collected twice, or for an order not delivered). */
export class PaymentStepRefusedError extends ShopError {
  constructor(message: string) {
    super(message, 409);
  }
}

/**
 * A checkout the shopper can put right on the form: a message at each field concerned (a refused
 * coupon, a delivery method that does not reach the city, a way of paying not open to this order).
 * The checkout page shows it again with everything typed kept.
 */
export class CheckoutRefusedError extends ShopError {
  constructor(
    readonly fields: FieldErrors,
    status = 422,
  ) {
    super(Object.values(fields).join(' '), status);
  }
}

/** The coupon code cannot be used on this order; the message says why (see couponRefusal). */
export class CouponRefusedError extends CheckoutRefusedError {
  constructor(message: string) {
    super({ couponCode: message });
  }
}

/**
 * What the shopper would pay is not what the page showed them (a price changed, the cart changed in
 * another tab, the owner changed a delivery rate): nothing is placed, and the page shows the new
 * totals with what changed, so they confirm the amount they pay.
 */
export class PricesChangedError extends CheckoutRefusedError {
  constructor(readonly changes: string[]) {
    super({ form: `Your order changed since this page was shown: ${changes.join(' ')} Please check the new totals and place your order again.` }, 409);
  }
}

/** The form was made for another cart (another session's page, or one from before the cart changed hands). */
export class CheckoutFormExpiredError extends CheckoutRefusedError {
  constructor() {
    super({ form: 'This checkout page is out of date. Please check your order and place it again.' }, 409);
  }
}
