import { type CallHandler, type ExecutionContext, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';

/**
 * Lets browsers and shared caches keep a successful answer for `seconds`. Set after the handler
 * succeeds rather than with @Header, which would also mark an error (a 500 while the database
 * restarts) as cacheable and have a proxy serve it to the next visitors.
 */
export function PublicCache(seconds: number): MethodDecorator & ClassDecorator {
  return UseInterceptors(new PublicCacheInterceptor(seconds));
}

class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly seconds: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(tap(() => res.setHeader('Cache-Control', `public, max-age=${this.seconds}`)));
  }
}
