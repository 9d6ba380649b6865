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

/**
 * The shop cannot answer this now but will shortly (its database is away, or every connection to it is
 * busy): 503 with Retry-After, so a browser, a proxy or a load balancer knows to try again.
 */
export class ServiceUnavailableError extends ShopError {
  constructor(
    message = 'We cannot answer just now. Please try again in a few seconds.',
    readonly retryAfterSeconds = 5,
  ) {
    super(message, 503);
  }
}

/**
 * Translates an error of a layer below the shop (the database driver's) into one of the shop's own, or
 * undefined: the error filter asks it about every error it does not know, so a lost database connection
 * becomes a 503 page instead of a 500. The database module provides it; common knows no database.
 */
export const ERROR_TRANSLATION = Symbol('ERROR_TRANSLATION');
export type ErrorTranslation = (error: unknown) => ShopError | undefined;
