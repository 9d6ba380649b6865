import { ShopError } from '../common/errors.js';

/** The shop cannot serve without its database: not ready (503), so the load balancer sends customers elsewhere. */
export class DatabaseDownError extends ShopError {
  constructor() {
    super('The database does not answer.', 503);
  }
}

/** The shop is closing (SIGTERM): not ready (503), so the load balancer sends no one new while it finishes. */
export class ShuttingDownError extends ShopError {
  constructor() {
    super('The shop is shutting down.', 503);
  }
}

/** /metrics without the bearer token, from anywhere but this machine. */
export class MetricsTokenRequiredError extends ShopError {
  constructor() {
    super('Metrics are read from this machine, or with the bearer token METRICS_TOKEN.', 401);
  }
}
