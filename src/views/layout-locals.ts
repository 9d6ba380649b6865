import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { SessionUser } from '../auth/session-user.js';
import type { FlashMessage } from '../common/flash.js';
import type { StoreSettings } from '../settings/settings.service.js';

/**
 * What the layout and its partials read on every page, beside the page's own values. Declared here
 * once and set together, per request, by app.factory (setLayoutLocals): a page never sets them itself.
 */
export interface LayoutLocals {
  /** The token for the page's forms: a function, so only a page with a form makes one (and never a session just for it). */
  csrfToken: () => string;
  currentUser: SessionUser | undefined;
  isStaff: boolean;
  /** One-time messages from the request before (a redirect's "Added to your cart"). */
  flash: FlashMessage[];
  /** Units in the shopper's cart, for the header's Cart link. */
  cartCount: number;
  /** The page's path, for marking where the reader is in the navigation. */
  currentPath: string;
  /**
   * The store's name, logo, contact details and home page text, and its currency (for the money helper),
   * as in force for this request: read per request (from the catalog cache), so a change shows at once,
   * and part of every memoised page's input, so no page rendered with the old ones is served again.
   */
  shop: StoreSettings;
  currency: string;
}

/** The same on every page: set once at start (setShopLocals). */
export interface ShopLocals {
  /** The store's time zone (STORE_TIME_ZONE), for the date helper's zone="store". */
  storeTimeZone: string;
  /** Fingerprinted addresses of public/ files, for the asset helper. */
  assetUrls: Map<string, string>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Locals extends Partial<LayoutLocals> {}
  }
}

export function setLayoutLocals(res: Response, locals: LayoutLocals): void {
  Object.assign(res.locals, locals);
}

/**
 * Reads the cart's count only when the response renders a page (a form re-shown with its errors), as
 * then, after the request's own change to the cart; a form that ends in a redirect reads nothing. A
 * count that cannot be read shows as 0 rather than losing the page (an error page among them).
 */
export function countCartBeforeRendering(res: Response, count: () => Promise<number>): void {
  const render = res.render.bind(res) as (view: string, options?: object, callback?: (error: Error | null, html?: string) => void) => void;
  res.render = ((view: string, options?: object, callback?: (error: Error | null, html?: string) => void) => {
    count()
      .catch(() => 0)
      .then((cartCount) => {
        res.locals.cartCount = cartCount;
        render(view, options, callback);
      })
      .catch((error: unknown) => {
        // As res.render itself does: the callback gets the failure, else the error handlers do.
        const failure = error instanceof Error ? error : new Error(String(error));
        if (callback) callback(failure);
        else res.req.next?.(failure);
      });
  }) as Response['render'];
}

export function setShopLocals(app: NestExpressApplication, locals: ShopLocals): void {
  for (const [name, value] of Object.entries(locals)) app.setLocal(name, value);
}
