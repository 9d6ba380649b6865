import { ShopError } from '../common/errors.js';

/**
 * An add to cart that would put more in the cart than the shelf holds, when the cart already holds
 * some: the shopper is told what their cart holds rather than that the item "just sold out".
 */
export class CartHoldsStockError extends ShopError {
  constructor(description: string, inCart: number, onHand: number) {
    super(messageFor(description, inCart, onHand), 409);
  }
}

function messageFor(description: string, inCart: number, onHand: number): string {
  if (inCart === onHand) return `Your cart already holds all ${onHand} of ${description} we have.`;
  if (inCart > onHand) {
    const left = onHand === 0 ? 'it has just sold out' : `only ${onHand} ${onHand === 1 ? 'is' : 'are'} left`;
    return `Your cart holds ${inCart} of ${description}, and ${left}: please lower the quantity in your cart.`;
  }
  const more = onHand - inCart;
  return `Only ${more} more of ${description} ${more === 1 ? 'is' : 'are'} available: your cart already holds ${inCart}.`;
}
