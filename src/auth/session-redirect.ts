import type { NextFunction, Request, Response } from 'express';

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
  res.redirect = ((...args: unknown[]) => {
    const current = req.session;
    // Nothing to wait for when the session was ended, or is the one loaded and unchanged.
    if (!current || (current === loaded && contentOf(current) === before)) return redirect(...args);
    current.save((error?: unknown) => (error ? next(error) : redirect(...args)));
  });
  next();
}

const contentOf = (session: NonNullable<Request['session']>) => JSON.stringify({ ...session, cookie: undefined });
