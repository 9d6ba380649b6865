import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** The shopper's cart row; carried over when the session id changes at sign-in. */
    cartId?: number;
  }
}

export const sessionCartId = (req: Request): number | undefined => req.session?.cartId;
