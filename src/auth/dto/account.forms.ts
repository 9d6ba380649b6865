import { IsString, Length } from 'class-validator';
import { IsAccountEmail, IsAccountName } from './auth.forms.js';
import { IsNewPassword } from './password-rules.js';

export class ChangeNameForm {
  @IsAccountName()
  name: string;
}

/** A new sign-in email needs the current password: a borrowed, signed-in browser must not be enough to take the account. */
export class ChangeEmailForm {
  @IsAccountEmail()
  email: string;

  @IsString()
  @Length(1, 200, { message: 'Please enter your current password' })
  currentPassword: string;
}

export class ChangePasswordForm {
  @IsString()
  @Length(1, 200, { message: 'Please enter your current password' })
  currentPassword: string;

  /** The new password; named like every password field so a re-rendered form never echoes it. */
  @IsNewPassword()
  password: string;
}
