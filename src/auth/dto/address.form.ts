import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * A delivery address and its rules, written once: the checkout form and the address book both extend
 * it, so an address saved to the book is always one the checkout accepts.
 */
export class AddressForm {
  @Transform(trimmed)
  @IsString()
  @Length(2, 120, { message: 'Please enter your full name' })
  fullName: string;

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
}

/** An address book entry: the address, and whether to make it the one that fills the checkout form. */
export class SavedAddressForm extends AddressForm {
  @IsOptional()
  @IsIn(['1'])
  makeDefault?: string;
}
