import { ShopError } from '../common/errors.js';

/** Fewer units on hand than asked for: the sale does not happen and nothing is written. */
export class SoldOutError extends ShopError {
  constructor(
    readonly variantId: number,
    readonly description: string,
    readonly available: number,
  ) {
    super(
      available > 0
        ? `Only ${available} of ${description} left — please lower the quantity.`
        : `Sorry, ${description} just sold out.`,
      409,
    );
  }
}

export class VariantUnavailableError extends ShopError {
  constructor() {
    super('Please choose a size and colour that is available.', 422);
  }
}
