import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AddressForm } from '../../auth/dto/address.form.js';
import { IsAccountEmail } from '../../auth/dto/auth.forms.js';
import { PaymentMethod } from '../entities/order.entity.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * The delivery address (the same rules as the address book), plus how to reach, ship and pay, the
 * coupon, and the form's own hidden fields. No amount is among them: every total is the server's.
 */
export class CheckoutForm extends AddressForm {
  @IsAccountEmail()
  email: string;

  /** One of the methods that reach the city; which those are, pricing decides. */
  @IsString({ message: 'Please choose a delivery option' })
  @Length(1, 40, { message: 'Please choose a delivery option' })
  shippingMethod: string;

  @IsIn(Object.values(PaymentMethod), { message: 'Please choose how you will pay' })
  paymentMethod: PaymentMethod;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(40, { message: 'A coupon code has at most 40 characters' })
  couponCode?: string;

  /** The idempotency key the page was made with (checkout-key.ts). */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,12}\.[A-Za-z0-9_-]{22}$/, { message: 'This checkout page is out of date. Please check your order and place it again.' })
  checkoutKey?: string;

  /** The items and prices the page showed (shown-summary.ts): the order is refused when they changed since. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  shown?: string;

  /** Ticked by a signed-in customer: the address goes into their address book. */
  @IsOptional()
  @IsIn(['1'])
  saveAddress?: string;
}
