import type { ProductFixture } from './factories.js';
import type { Shopper } from './shopper.js';

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

export async function checkout(shopper: Shopper, fields: Partial<typeof DELIVERY> = {}) {
  return shopper.submit('/checkout', '/checkout', { ...DELIVERY, ...fields });
}
