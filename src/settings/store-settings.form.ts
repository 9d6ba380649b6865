import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CURRENCIES } from './settings.service.js';

/** Trimmed text; a field left out of the form is empty. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value === undefined ? '' : value);

/** The store settings form of /admin/settings (the logo comes as a file beside it). */
export class StoreSettingsForm {
  @Transform(trimmed)
  @IsString()
  @Length(1, 60, { message: 'Please enter the name of the shop (up to 60 characters)' })
  shopName: string;

  @Transform(trimmed)
  @ValidateIf((form: StoreSettingsForm) => form.contactEmail !== '')
  @IsEmail({}, { message: 'Please enter an email address, such as hello@example.pk, or leave it empty' })
  @Length(0, 254)
  contactEmail: string;

  @Transform(trimmed)
  @ValidateIf((form: StoreSettingsForm) => form.contactPhone !== '')
  @Matches(/^\+?[0-9][0-9 -]{6,18}$/, { message: 'Please enter a phone number, such as +92 300 1234567, or leave it empty' })
  contactPhone: string;

  @IsIn(CURRENCIES, { message: `Please choose one of ${CURRENCIES.join(', ')}` })
  currency: string;

  @Transform(trimmed)
  @IsString()
  @Length(1, 120, { message: 'Please enter a heading for the home page (up to 120 characters)' })
  homeHeading: string;

  // Browsers send a textarea's line ends as CRLF; the shop keeps plain newlines.
  @Transform((field) => {
    const value = trimmed(field);
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value;
  })
  @IsString()
  @Length(0, 2000, { message: 'The home page text may have up to 2,000 characters' })
  homeText: string;

  /** Ticked: the shop goes back to showing its name alone. */
  @IsOptional()
  @IsIn(['1'])
  removeLogo?: string;
}
