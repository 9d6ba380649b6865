import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { constants as zlibConstants } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import passport from 'passport';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { sessionCookieAttributes, sessionCookieName } from './sessions/session-cookie.js';
import { saveSessionBeforeRedirect } from './sessions/session-redirect.js';
import { SESSION_SECRET } from './sessions/session-secret.js';
import { DatabaseSessionStore } from './sessions/session-store.js';
import { isStaff } from './auth/session-user.js';
import { sessionCartId } from './cart/cart-session.js';
import { CartService } from './cart/cart.service.js';
import { CatalogWarmUp } from './catalog/cache/catalog-warm-up.js';
import { StorefrontSettings } from './catalog/storefront-settings.service.js';
import { DEFAULT_STORE_SETTINGS } from './settings/settings.service.js';
import { cookieValue } from './common/cookies.js';
import { CsrfTokens } from './common/csrf.js';
import { takeFlash } from './common/flash.js';
import { requestLogging, shopLogger } from './common/logging.js';
import { ShopMetrics } from './common/metrics.js';
import { projectRoot } from './common/paths.js';
import type { AppConfig } from './config/config.js';
import { paymentPageOrigins } from './config/payment-config.js';
import { prepareDatabase } from './database/dialect.js';
import { GracefulShutdown } from './health/graceful-shutdown.js';
import { fingerprintAssets, serveFingerprintedAssets } from './views/asset-fingerprints.js';
import { countCartBeforeRendering, setLayoutLocals, setShopLocals } from './views/layout-locals.js';
import { useHandlebars } from './views/view-engine.js';

export interface ShopAppOptions {
  /** Where the log goes (tests read it): standard output by default, as readable lines in development. */
  logDestination?: DestinationStream;
}

/**
 * Builds the whole shop: the Nest modules plus the Express pieces around them, in the order a request
 * meets them (request id and log, headers, static files, session, passport, view locals). main.ts and the tests both use it.
 */
export async function createShopApp(configured: AppConfig, options: ShopAppOptions = {}): Promise<NestExpressApplication> {
  // The server decides whether it is MySQL or MariaDB, whatever the URL's scheme says.
  const config: AppConfig = { ...configured, database: await prepareDatabase(configured.database) };
  // rawBody: the body parsers also keep the bytes as received (req.rawBody), which a payment provider's
  // webhook signature is computed over: re-serialised JSON would not match it byte for byte.
  const logger = shopLogger(config, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger), { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  // First of all, so every request has its id and its access line, and is timed and counted for
  // shutdown, whatever answers it: a static file, a refused session, a page.
  app.use(requestLogging(logger));
  app.use(app.get(ShopMetrics).timeRequests);
  app.use(app.get(GracefulShutdown).track);
  // The product editor's grid posts eight fields a cell: a 12 × 12 grid passes Express's default of a
  // thousand fields, which it would refuse with 413 and lose what the owner typed. MAX_VARIANTS bounds it.
  app.useBodyParser('urlencoded', { extended: true, parameterLimit: 10_000, limit: '1mb' });
  // The JSON API takes small bodies only; a larger one is refused with 413 before it is read whole.
  app.useBodyParser('json', { limit: '100kb' });
  const production = config.environment === 'production';
  // Only the proxies TRUST_PROXY names: X-Forwarded-For from anyone else who reaches the port is ignored,
  // so a client cannot pick the address that per-address limits and the security log go by.
  if (config.trustedProxies !== undefined) app.set('trust proxy', config.trustedProxies);
  app.disable('x-powered-by');
  // First, so pages, JSON and static files alike go out gzip- or brotli-compressed when the browser accepts it.
  // The fastest levels: measured on /products (32 KB of HTML), gzip 1 and brotli 1 make 4.7 and 4.9 KB
  // in 84 and 76 µs, where the defaults (gzip 6, brotli 4) make 4.1 KB in 190 µs. Compressing was a
  // sixteenth of the shop's CPU under load; half a kilobyte more a page costs the visitor far less.
  app.use(compression({ level: zlibConstants.Z_BEST_SPEED, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } } }));

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // blob: for the previews of pictures chosen in an upload form, made in the page from the chosen files.
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          // A checkout paid by card redirects to the provider's hosted page, which form-action must allow.
          formAction: ["'self'", ...paymentPageOrigins(config.payments)],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
      strictTransportSecurity: config.trustProxy ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  // Layouts link stylesheets and icons by content hash ({{asset}}), so those URLs can be cached for a
  // year; the plain URLs stay valid with a short cache for anything that links them directly.
  const publicDir = path.join(projectRoot, 'public');
  const assets = fingerprintAssets(publicDir);
  app.use(serveFingerprintedAssets(assets));
  // Each folder of public/ under its own prefix: a page's URL (/products) never reaches the static
  // files, which would look on disk for a file of that name on every request. (So public/ holds folders only.)
  for (const folder of readdirSync(publicDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    app.useStaticAssets(path.join(publicDir, folder.name), { prefix: `/${folder.name}/`, maxAge: production ? '1d' : 0, index: false });
  }
  app.useStaticAssets(path.join(config.varDir, 'uploads'), { prefix: '/uploads/', maxAge: production ? '7d' : 0, index: false });
  // A customer's account and the owner's panel are nobody else's: no browser or proxy keeps a copy
  // that the back button on a shared computer could show after sign-out.
  app.use(['/account', '/admin'], (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Templates are compiled once, as in production, everywhere but development, where an edit shows at once.
  useHandlebars(app, config.environment !== 'development');

  const sessionCookie = sessionCookieName(config);
  const sessionStore = app.get(DatabaseSessionStore);
  const sessions = session({
    name: sessionCookie,
    secret: app.get<string>(SESSION_SECRET),
    store: sessionStore,
    // The store inserts rows only for ids it made, so a late save cannot revive a session that was ended.
    genid: (req) => sessionStore.newSessionId(req),
    // No session (and no database write) for a visitor until something needs one: a cart, a sign-in.
    resave: false,
    saveUninitialized: false,
    // No `proxy` option: express-session then goes by req.secure, which believes X-Forwarded-Proto only
    // from a trusted proxy (with `proxy: true` it would believe anyone's).
    cookie: sessionCookieAttributes(config),
  });
  const signedInUser = passport.session() as RequestHandler;
  // A visitor without a session cookie who only reads pages has no session to load and is given none:
  // skipping both spares making, hashing and dropping an empty session on every anonymous page view.
  // Such a request has no req.session; anything that starts a session (a cart, a sign-in) is a POST.
  // Health checks and metrics never touch the session, so they answer even when the session table does not.
  const sessionless = (req: Request) => forMachines(req) || ((req.method === 'GET' || req.method === 'HEAD') && cookieValue(req, sessionCookie) === undefined);
  app.use((req: Request, res: Response, next: NextFunction) => (sessionless(req) ? next() : sessions(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => (sessionless(req) ? next() : saveSessionBeforeRedirect(req, res, next)));
  app.use(passport.initialize());
  app.use((req: Request, res: Response, next: NextFunction) => (sessionless(req) ? next() : signedInUser(req, res, next)));

  const carts = app.get(CartService);
  const csrfTokens = app.get(CsrfTokens);
  const storefront = app.get(StorefrontSettings);
  setShopLocals(app, { assetUrls: assets.urls, storeTimeZone: config.storeTimeZone });
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Health checks and metrics render no page, and must answer even when the database that holds the settings does not.
    if (forMachines(req)) return next();
    const cartId = sessionCartId(req);
    // A form's POST mostly ends in a redirect: its cart count is read only if it renders a page after all.
    const countLater = req.method !== 'GET' && req.method !== 'HEAD';
    Promise.all([cartId === undefined || countLater ? Promise.resolve(0) : carts.itemCount(cartId), storefront.current()]).then(
      ([cartCount, shop]) => {
        setLayoutLocals(res, {
          shop,
          currency: shop.currency,
          csrfToken: () => csrfTokens.tokenFor(req, res),
          currentUser: req.user,
          isStaff: isStaff(req.user),
          flash: takeFlash(req),
          cartCount,
          currentPath: req.path,
        });
        if (countLater) {
          countCartBeforeRendering(res, () => {
            const id = sessionCartId(req);
            return id === undefined ? Promise.resolve(0) : carts.itemCount(id);
          });
        }
        next();
      },
      (error: unknown) => {
        // The error page still names the shop when its settings cannot be read (the database is away).
        res.locals.shop = DEFAULT_STORE_SETTINGS;
        next(error);
      },
    );
  });

  // No enableShutdownHooks: main.ts closes on SIGTERM and SIGINT through GracefulShutdown, which lets
  // the requests in flight finish before the hooks that stop workers and close the database run.
  try {
    await app.init();
  } catch (error) {
    // A shop that fails to start (a start-up hook threw) lets go of its database pool and timers: a
    // test or script that started it gets the error and is not left waiting on them.
    // The start-up error is the one to report, whatever closing says.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

/** The routes read by machines (a load balancer, Prometheus): no session, no page, no database unless they ask for it. */
const forMachines = (req: Request) => req.path.startsWith('/health/') || req.path === '/metrics';

/**
 * Starts taking requests on `port` at HOST, or on every interface when HOST is not set, once the
 * storefront's first pages are in the catalog cache (CatalogWarmUp, ten seconds at most), with limits
 * against slow clients: the headers must arrive within HTTP_HEADERS_TIMEOUT_MS and the whole request
 * within HTTP_REQUEST_TIMEOUT_MS (or it is answered 408), and an idle connection is closed after
 * HTTP_KEEP_ALIVE_TIMEOUT_MS.
 */
export async function listenOn(app: NestExpressApplication, config: Pick<AppConfig, 'host' | 'http'>, port: number): Promise<void> {
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  server.headersTimeout = config.http.headersTimeoutMs;
  server.requestTimeout = config.http.requestTimeoutMs;
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  // Node checks those two limits on a timer, every 30 s unless told otherwise (it reads this when it
  // starts listening): often enough that a slow client is cut near its limit, not up to 30 s later.
  server.connectionsCheckingInterval = Math.min(30_000, Math.max(100, Math.floor(config.http.headersTimeoutMs / 4)));
  await app.get(CatalogWarmUp).run();
  await (config.host === undefined ? app.listen(port) : app.listen(port, config.host));
}
