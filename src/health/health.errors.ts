import { ShopError } from '../common/errors.js';

/** The shop cannot serve without its database: not ready (503), so the load balancer sends customers elsewhere. */
export class DatabaseDownError extends ShopError {
  constructor() {
    super('The database does not answer.', 503);
  }
}
