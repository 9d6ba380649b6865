import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { type DestinationStream, type Logger, pino } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/config.js';
import { readableLog } from './readable-log.js';

/**
 * Names whose values never reach the log, wherever they sit in a logged object (down to three levels):
 * passwords, tokens, cookies and session ids, and the secrets of a card provider or of the shop's own
 * connections. The list goes by name, so a value logged under one of these names by mistake is hidden too.
 */
export const SECRET_NAMES = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'resetToken',
  'accessToken',
  'refreshToken',
  '_csrf',
  'csrfToken',
  'x-csrf-token',
  'cookie',
  'cookies',
  'set-cookie',
  'authorization',
  'sessionId',
  'sid',
  'secret',
  'sessionSecret',
  'apiKey',
  'secretKey',
  'privateKey',
  'clientSecret',
  'webhookSecret',
  'signingSecret',
  'stripe-signature',
  'x-sfpy-signature',
  'smtpUrl',
  'databaseUrl',
  // A failed query's bound values: a password hash, a token's hash, an address.
  'parameters',
];

const SECRET_KEYS = new Set(SECRET_NAMES.map((name) => name.toLowerCase()));
const CENSOR = '[redacted]';
/** How deep into a logged object secrets are looked for: the top level and three below it. */
const SEARCH_DEPTH = 4;

/**
 * The value as it may be logged: every property named in SECRET_NAMES (in any case), down to
 * SEARCH_DEPTH, replaced by "[redacted]". Copies only the objects on the way to a secret and answers
 * everything else as it is, so the access line of every request costs a walk over its few keys.
 * (pino's own `redact` takes wildcard paths, one per name and depth: measured at 7 % of the shop's CPU
 * while placing orders, for lines that almost never hold a secret.) An error is turned into the object
 * pino would log for it first, so the bound values a failed query carries are looked through too.
 */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return withoutSecrets(pino.stdSerializers.err(value), depth);
  if (depth >= SEARCH_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const cleaned = withoutSecrets(item, depth + 1);
      if (cleaned !== item) (copy ??= [...(value as unknown[])])[i] = cleaned;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const cleaned = SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : withoutSecrets(item, depth + 1);
    if (cleaned !== item) (copy ??= { ...value })[key] = cleaned;
  }
  return copy ?? value;
}

/**
 * The shop's one logger: JSON lines on standard output (or `destination`), each with its level,
 * time, and the request's id when it was written while answering one; readable lines in development.
 */
export function shopLogger(config: Pick<AppConfig, 'logLevel' | 'environment'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => withoutSecrets(bindings) as Record<string, unknown>,
        log: (object) => withoutSecrets(object) as Record<string, unknown>,
      },
      // withoutSecrets has made every error a plain object already.
      serializers: { err: (error: unknown) => (error instanceof Error ? withoutSecrets(error) : error) },
    },
    destination ?? (config.environment === 'development' ? readableLog() : undefined),
  );
}

/**
 * One access line per request, written when its answer has gone (or the client went away): the
 * request's id, method, route template (never the address itself, which may carry a token, as
 * /password/reset/:token does), status, duration and the signed-in user's id. Every line logged while
 * answering carries the same `requestId`, and the answer carries it as X-Request-Id.
 */
export function requestLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    quietResLogger: true,
    // 503 is the shop shedding load or waiting out its database (Retry-After): worth a warning, not an alarm each.
    customLogLevel: (_req, res, error) => (res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, value: { responseTime?: number }) => accessLine(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime?: number }) => accessLine(req, res, value.responseTime),
  });
}

/** Characters a request id from a proxy may have: enough for UUIDs and the ids proxies make, nothing that could break a log line. */
const OFFERED_ID = /^[\w.:-]{8,128}$/;

/**
 * The request's id: the one a trusted proxy sent in X-Request-Id (trusted as Express trusts it for
 * req.ip: TRUST_PROXY), so the proxy's log and ours can be matched; otherwise a new one. A client that
 * reaches the shop directly cannot choose its id, and so cannot make its requests look like another's.
 */
function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-request-id'];
  const trusts = (req as Partial<Request>).app?.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
  const fromProxy = typeof offered === 'string' && OFFERED_ID.test(offered) && trusts?.(req.socket.remoteAddress ?? '', 0) === true;
  const id = fromProxy ? offered : randomUUID().replaceAll('-', '');
  res.setHeader('X-Request-Id', id);
  return id;
}

function accessLine(req: IncomingMessage, res: ServerResponse, durationMs: number | undefined) {
  const request = req as Request;
  return {
    event: 'request',
    method: req.method,
    route: routeTemplateOf(request, res.statusCode),
    status: res.statusCode,
    durationMs,
    userId: request.user?.id,
  };
}

const CATCH_ALL = '{/*splat}';

/**
 * The route a request was answered by, as written in its controller (/products/:slug), so the access
 * log and the metrics group requests by page and never hold an address's tokens or ids. A static file
 * is grouped by its folder (/css/*); anything else that no route answered is "(unmatched)".
 */
export function routeTemplateOf(req: Request, status: number): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  // '{/*splat}' is the catch-all that Nest mounts middleware on (nestjs-pino's), not a page's route.
  if (typeof route === 'string' && route !== CATCH_ALL) return `${req.baseUrl ?? ''}${route}`;
  const folder = /^\/[\w.-]+\//.exec(req.originalUrl ?? '')?.[0];
  return status < 400 && folder ? `${folder}*` : '(unmatched)';
}
