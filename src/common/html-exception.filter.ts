import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessDeniedError, ERROR_TRANSLATION, type ErrorTranslation, ShopError, SignInRequiredError, StepRequiredError } from './errors.js';
import { flash } from './flash.js';
import { logSecurityEvent, originOf } from './security-log.js';

/**
 * Turns every error into a page in the shop's layout (or a problem body for JSON routes): a real 404,
 * a 403, a redirect to sign in, a 503 with Retry-After when the database is away (ERROR_TRANSLATION),
 * and a generic 500 with a reference id, the request's id, that is logged with the stack.
 */
@Catch()
export class HtmlExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() @Inject(ERROR_TRANSLATION) private readonly translate?: ErrorTranslation) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const exception = (error instanceof ShopError ? undefined : this.translate?.(error)) ?? error;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof SignInRequiredError) {
      logSecurityEvent('sign_in_required', originOf(req));
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (exception instanceof StepRequiredError) {
      if (req.session) flash(req, 'info', exception.message);
      res.redirect(303, exception.location);
      return;
    }
    if (exception instanceof AccessDeniedError) logSecurityEvent('access_denied', originOf(req), { userId: req.user?.id, role: req.user?.role });
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    const status = statusOf(exception);
    let message = status === 404 ? 'We could not find that page.' : publicMessage(exception, status);
    let reference: string | undefined;
    if (status >= 500) {
      // The request's id (pino-http's, X-Request-Id): the customer's reference finds every line of this request in the log.
      reference = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : undefined;
      if (status === 503) {
        // Expected while the database is away or busy, and one per request then: a line without a stack.
        this.logger.warn({ event: 'request_unavailable', reference, method: req.method, path: req.path, cause: (error as Error)?.message });
      } else {
        this.logger.error({ event: 'request_failed', reference, method: req.method, path: req.path }, (exception as Error)?.stack);
      }
      // A named error's message was written to be read (the database does not answer); anything else may carry internals.
      if (!(exception instanceof ShopError)) message = 'Something went wrong on our side. Please try again in a moment.';
    }
    if (this.answersJson(req)) {
      res.status(status).type('application/problem+json').json({ status, title: message, reference });
      return;
    }
    const view = status === 404 ? 'errors/404' : status === 403 ? 'errors/403' : status < 500 ? 'errors/4xx' : 'errors/error';
    res.status(status).render(view, { title: titleOf(status), message, reference, status }, (renderError, html) => {
      if (renderError) {
        this.logger.error({ event: 'error_page_failed', reference }, renderError.stack);
        res.type('text/plain').send(message);
        return;
      }
      res.send(html);
    });
  }

  /** The JSON API answers problem bodies, also for paths it does not have; everything else is a page. */
  protected answersJson(req: Request): boolean {
    return req.path.startsWith('/api/');
  }
}

/**
 * For controllers read by machines (`@UseFilters(JsonExceptionFilter)`): every error is a problem body,
 * whatever the path, and whatever the client accepts: a load balancer's probe accepts anything, HTML too.
 */
@Catch()
export class JsonExceptionFilter extends HtmlExceptionFilter {
  protected override answersJson(): boolean {
    return true;
  }
}

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  if (exception instanceof ShopError) return exception.status;
  // body-parser and friends report client errors with a status field.
  const status = (exception as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function publicMessage(exception: unknown, status: number): string {
  if (status === 403) return 'You do not have access to this page.';
  if (exception instanceof ShopError) return exception.message;
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const text = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    if (Array.isArray(text)) return text.join(', ');
    return typeof text === 'string' ? text : exception.message;
  }
  return 'That request could not be handled.';
}

function titleOf(status: number): string {
  if (status === 404) return 'Page not found';
  if (status === 403) return 'Access denied';
  if (status === 429) return 'Too many requests';
  return status >= 500 ? 'Something went wrong' : 'Request not accepted';
}
