import type { PageResponse, Shopper } from './shopper.js';

export interface NewCustomer {
  name: string;
  email: string;
  password: string;
}

/**
 * Registers through the form, as a visitor does, then signs in with the same details. Registration
 * answers every address alike and signs nobody in; an account need not be confirmed to sign in.
 */
export async function registerAndSignIn(shopper: Shopper, customer: NewCustomer): Promise<PageResponse> {
  const registered = await shopper.submit('/register', '/register', { ...customer });
  if (registered.location?.split('?')[0] !== '/register/check-email')
    throw new Error(`registration answered ${registered.status} ${registered.location ?? ''}`);
  const signedIn = await shopper.submit('/login', '/login', { email: customer.email, password: customer.password });
  if (signedIn.status !== 303) throw new Error(`signing in after registration answered ${signedIn.status}`);
  return signedIn;
}
