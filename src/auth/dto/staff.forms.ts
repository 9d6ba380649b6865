import { IsAccountEmail, IsAccountName } from './auth.forms.js';
import { IsNewPassword } from './password-rules.js';

/** The owner's "Invite staff" form: the address is all; the invitee chooses their own name and password. */
export class InviteStaffForm {
  @IsAccountEmail()
  email: string;
}

/** The invitation page's form for someone new: the account's email is the invited address. */
export class StaffAccountForm {
  @IsAccountName()
  name: string;

  @IsNewPassword()
  password: string;
}
