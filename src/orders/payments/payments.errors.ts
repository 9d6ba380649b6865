import { ShopError } from '../../common/errors.js';

/** A refund the owner asked for that cannot be made as asked; `field` is where the form says why. */
export class RefundRefusedError extends ShopError {
  constructor(
    readonly field: 'amount' | 'form',
    message: string,
  ) {
    super(message, 422);
  }
}

/** Marking a payment received when it is not one the owner can mark (not a bank transfer, or not waiting). */
export class PaymentNotAwaitedError extends ShopError {
  constructor(message: string) {
    super(message, 409);
  }
}
