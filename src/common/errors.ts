/** The base of the shop's named errors: services throw these, the HTML filter turns them into pages. */
export class ShopError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ShopError {
  constructor(what = 'That page') {
    super(`${what} could not be found.`, 404);
  }
}

/** A visitor asked for a page that needs an account: send them to sign in and back. */
export class SignInRequiredError extends ShopError {
  constructor() {
    super('Please sign in to continue.', 401);
  }
}

export class AccessDeniedError extends ShopError {
  constructor() {
    super('You do not have access to this page.', 403);
  }
}

/** Something must be done on another page first (setting up two-factor sign-in): go there, with the message. */
export class StepRequiredError extends ShopError {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super(message, 303);
  }
}
