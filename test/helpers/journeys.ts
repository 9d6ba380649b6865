import type { ProductFixture } from './factories.js';
import { csrfTokenIn, type Shopper } from './shopper.js';

export const DELIVERY = {
  fullName: 'Ayesha Khan',
  email: 'ayesha@example.test',
  phone: '0300 1234567',
  address: '12 Mall Road',
  city: 'Lahore',
  postalCode: '54000',
  shippingMethod: 'standard',
  paymentMethod: 'cod',
};

export async function addToCart(shopper: Shopper, product: ProductFixture, choice: { size?: string; colour?: string; quantity?: number } = {}) {
  return shopper.submit(`/products/${product.slug}`, '/cart/items', {
    product: product.slug,
    size: choice.size ?? 'M',
    colour: choice.colour ?? 'Indigo',
    quantity: choice.quantity ?? 1,
  });
}

/** The hidden fields a checkout page's form sends back: its CSRF token, its checkout key and the items it showed. */
export function checkoutFormIn(html: string): { _csrf: string; checkoutKey: string; shown: string } {
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { _csrf: csrfTokenIn(html), checkoutKey: hidden('checkoutKey'), shown: hidden('shown') };
}

/** Opens the checkout page and places the order with its form, as a shopper without JavaScript does. */
export async function checkout(shopper: Shopper, fields: Partial<Record<keyof typeof DELIVERY | 'couponCode' | 'saveAddress', string>> = {}) {
  const page = await shopper.get('/checkout');
  return shopper.post('/checkout', { ...checkoutFormIn(page.html), ...DELIVERY, ...fields });
}
