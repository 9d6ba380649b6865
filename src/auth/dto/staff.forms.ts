import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsAccountEmail } from './auth.forms.js';
import { IsNewPassword } from './password-rules.js';

// An empty field of the form is no answer at all: name and password are needed only for a new account.
const blankToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export class AddStaffForm {
  @IsAccountEmail()
  email: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'Please enter their name' })
  name?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsNewPassword()
  password?: string;
}
