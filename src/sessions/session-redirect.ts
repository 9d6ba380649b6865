import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('Sessions');

/**
 * express-session saves a changed session while the response is already on its way: headers go out
 * at once and only the body's last byte waits for the store. A browser follows a redirect as soon as
 * it reads the headers, so after "Add to cart" its GET /cart could reach us before the cart was in
 * the session — an empty cart on a busy database. So a redirect waits until the session is stored.
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const loaded = req.session;
  const before = loaded ? contentOf(loaded) : undefined;
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = (...args: unknown[]) => {
    const current = req.session;
    // Nothing to wait for when the session was ended, is the one loaded and unchanged, or was just stored.
    if (!current || (current === loaded && contentOf(current) === before) || storedAs.get(current) === contentOf(current)) return redirect(...args);
    // A session new to this request (a first cart, a sign-in's regenerated one) is one express-session
    // does not know as saved: it would store it again after the headers, and that late write could undo
    // what the next request changes (a flash shown twice). Once stored here, it is not stored again.
    const isNew = current !== loaded || before === EMPTY;
    current.save((error?: unknown) => {
      if (!error) {
        if (current !== loaded) Object.defineProperty(current, 'save', { value: (done?: (error?: unknown) => void) => done?.(), configurable: true });
        return redirect(...args);
      }
      // The page the redirect leads to needs a new session (the cart just made, the account signed in to).
      if (isNew) return next(error);
      // The request's own work has committed (an order, a cart line): the shopper goes on, and only the
      // session's change (a flash, say) is lost.
      logger.warn({ event: 'session_save_failed', path: req.path, error: (error as Error | undefined)?.message });
      redirect(...args);
    });
  };
  next();
}

/** What storeSession last stored of a session, so a redirect right after it does not store it again. */
const storedAs = new WeakMap<object, string>();

/**
 * Stores the session now, for a handler that must know it was kept and answers otherwise when it was
 * not (checkout: the order is placed whatever the session does).
 */
export function storeSession(req: Request): Promise<void> {
  const session = req.session;
  return new Promise((resolve, reject) =>
    session.save((error?: unknown) => {
      if (error) return reject(error instanceof Error ? error : new Error('the session could not be stored'));
      storedAs.set(session, contentOf(session));
      resolve();
    }),
  );
}

const contentOf = (session: NonNullable<Request['session']>) => JSON.stringify({ ...session, cookie: undefined });

/** What a session holds before anything is put in it. */
const EMPTY = JSON.stringify({ cookie: undefined });
