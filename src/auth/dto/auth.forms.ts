import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { IsNewPassword } from './password-rules.js';

const lowerTrimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** The name an account is greeted by: registration and the account page. */
export function IsAccountName(): PropertyDecorator {
  return (target, property) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))(target, property);
    IsString()(target, property);
    Length(1, 120, { message: 'Please enter your name' })(target, property);
  };
}

/** The email an account signs in with, lower-cased (MariaDB compares case-insensitively, SQLite does not). */
export function IsAccountEmail(): PropertyDecorator {
  return (target, property) => {
    Transform(lowerTrimmed)(target, property);
    IsEmail({}, { message: 'Please enter a valid email address' })(target, property);
    MaxLength(254, { message: 'Please enter an email address of at most 254 characters' })(target, property);
  };
}

export class RegisterForm {
  @IsAccountName()
  name: string;

  @IsAccountEmail()
  email: string;

  @IsNewPassword()
  password: string;
}

export class SignInForm {
  @IsAccountEmail()
  email: string;

  @IsString()
  @Length(1, 200, { message: 'Please enter your password' })
  password: string;
}
