import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProductMovedError } from './catalog.errors.js';

/**
 * A product asked for by an old slug, or in other capitals: a permanent redirect to its current address
 * under `prefix` ("/products/" or "/api/v1/products/"), keeping the query string, so bookmarks, links
 * and search results follow the rename and pass their ranking on. The target is always our own path:
 * nothing from the request but its query string goes into it.
 */
@Catch(ProductMovedError)
export class ProductMovedRedirect implements ExceptionFilter {
  constructor(private readonly prefix: string) {}

  catch(moved: ProductMovedError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const queryAt = req.originalUrl.indexOf('?');
    const query = queryAt >= 0 ? req.originalUrl.slice(queryAt) : '';
    res.redirect(301, `${this.prefix}${encodeURIComponent(moved.currentSlug)}${query}`);
  }
}
