import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, Matches } from 'class-validator';
import { PaymentMethod } from '../entities/order.entity.js';
import { SHIPPING_METHODS } from '../shipping.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CheckoutForm {
  @Transform(trimmed)
  @IsString()
  @Length(2, 120, { message: 'Please enter your full name' })
  fullName: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'Please enter a valid email address' })
  email: string;

  @Transform(trimmed)
  @Matches(/^\+?[0-9][0-9 -]{6,18}$/, { message: 'Please enter a phone number we can call, such as 0300 1234567' })
  phone: string;

  @Transform(trimmed)
  @IsString()
  @Length(5, 255, { message: 'Please enter your street address' })
  address: string;

  @Transform(trimmed)
  @IsString()
  @Length(2, 120, { message: 'Please enter your city' })
  city: string;

  @Transform(trimmed)
  @Matches(/^[A-Za-z0-9 -]{3,10}$/, { message: 'Please enter a valid postal code' })
  postalCode: string;

  @IsIn(SHIPPING_METHODS.map((m) => m.code), { message: 'Please choose a delivery option' })
  shippingMethod: string;

  @IsIn(Object.values(PaymentMethod), { message: 'Please choose how you will pay' })
  paymentMethod: PaymentMethod;
}
