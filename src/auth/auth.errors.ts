import { ShopError } from '../common/errors.js';

export class EmailTakenError extends ShopError {
  constructor() {
    super('An account with this email already exists. Sign in instead?', 422);
  }
}
