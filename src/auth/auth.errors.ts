import { ShopError, StepRequiredError } from '../common/errors.js';

export class EmailTakenError extends ShopError {
  constructor() {
    super('An account with this email already exists. Sign in instead?', 422);
  }
}

/** A reset link that is unknown, already used, replaced by a newer one or older than an hour. */
export class InvalidResetLinkError extends ShopError {
  constructor() {
    super('This password reset link is no longer valid. Links work once, for one hour, and only the newest one you asked for.', 410);
  }
}

/** A verification link that is unknown, already used or older than a week. */
export class InvalidVerificationLinkError extends ShopError {
  constructor() {
    super('This email confirmation link is no longer valid. Links work once, for seven days.', 410);
  }
}

/** The "Current password" typed to confirm a change of email or password does not match. */
export class WrongCurrentPasswordError extends ShopError {
  constructor() {
    super('That is not your current password.', 422);
  }
}

/** The address book holds a bounded number of entries, so one account cannot fill the table. */
export class AddressBookFullError extends ShopError {
  constructor(limit: number) {
    super(`Your address book is full (${limit} addresses). Delete one you no longer use to add another.`, 422);
  }
}

/** A signed-in customer asked for an email address that another account already signs in with. */
export class EmailInUseError extends ShopError {
  constructor() {
    super('Another account already uses this email address.', 422);
  }
}

/** Too many sign-ins, reset requests or registrations from one account or address: wait for the window to pass. */
export class TooManyAttemptsError extends ShopError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

/** The owner requires two-factor sign-in for staff, and this account has not set it up yet. */
export class SecondFactorSetupRequiredError extends StepRequiredError {
  constructor() {
    super('The shop requires two-factor sign-in for staff. Please set it up to continue.', '/account/two-factor');
  }
}

/** Inviting someone to the staff cannot go ahead as asked; `field` is where the message belongs on the form. */
export class StaffFormError extends ShopError {
  constructor(
    message: string,
    readonly field: 'email',
  ) {
    super(message, 422);
  }
}

/** A staff invitation link that is unknown, already used, withdrawn, replaced by a newer one or past its date. */
export class InvalidStaffInvitationError extends ShopError {
  constructor() {
    super(
      'This staff invitation is no longer valid: it has been used, withdrawn or replaced by a newer one, or it has expired. If you accepted it already, sign in; otherwise ask the shop owner to invite you again.',
      410,
    );
  }
}

/**
 * The invitation page's form no longer fits (an account with the address was made meanwhile, say): the
 * invitee sees the page again, which shows what to do now.
 */
export class StaffInvitationChangedError extends ShopError {
  constructor(message: string) {
    super(message, 409);
  }
}
