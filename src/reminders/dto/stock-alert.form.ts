import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { IsAccountEmail } from '../../auth/dto/auth.forms.js';

/** The product page's "Email me when it is back": a sold-out variant and an address. */
export class StockAlertForm {
  @Type(() => Number)
  @IsInt({ message: 'Please choose the size you want' })
  @Min(1, { message: 'Please choose the size you want' })
  variant: number;

  @IsAccountEmail()
  email: string;
}
