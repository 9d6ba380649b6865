import { ShopError } from '../common/errors.js';

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
