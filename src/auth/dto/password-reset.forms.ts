import { IsAccountEmail } from './auth.forms.js';
import { IsNewPassword } from './password-rules.js';

export class ForgotPasswordForm {
  @IsAccountEmail()
  email: string;
}

export class ResetPasswordForm {
  @IsNewPassword()
  password: string;
}
