import { IsIn } from 'class-validator';
import { AddressForm } from '../../auth/dto/address.form.js';
import { IsAccountEmail } from '../../auth/dto/auth.forms.js';
import { PaymentMethod } from '../entities/order.entity.js';
import { SHIPPING_METHODS } from '../shipping.js';

/** The delivery address (the same rules as the address book), plus how to reach, ship and pay. */
export class CheckoutForm extends AddressForm {
  @IsAccountEmail()
  email: string;

  @IsIn(SHIPPING_METHODS.map((m) => m.code), { message: 'Please choose a delivery option' })
  shippingMethod: string;

  @IsIn(Object.values(PaymentMethod), { message: 'Please choose how you will pay' })
  paymentMethod: PaymentMethod;
}
