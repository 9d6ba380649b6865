import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { CSRF_CHECKED_AFTER_UPLOAD, CsrfTokens, requireValidToken } from './csrf.js';

/** A file as the upload parser hands it over: kept in memory, never on disk, so a refused upload leaves nothing behind. */
export interface UploadedFile {
  /** The name on the sender's computer: shown back in messages, never used to store or to decide the type. */
  originalname: string;
  buffer: Buffer;
  size: number;
}

export interface UploadLimits {
  /** Bytes a single file may have; a larger one is refused with 413 as soon as it passes the limit. */
  fileBytes: number;
  files: number;
}

/** Checks the form's CSRF token once the upload interceptor before it has read the multipart body. */
@Injectable()
class CsrfCheckedAfterUpload implements NestInterceptor {
  constructor(private readonly tokens: CsrfTokens) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    requireValidToken(this.tokens, context.switchToHttp().getRequest<Request>());
    return next.handle();
  }
}

/**
 * @MultipartForm('pictures', limits) on a POST route whose form sends files in the field `field`: the
 * body is read into memory within the limits (after the role guards, so only someone allowed makes the
 * shop read it), then the CSRF token is checked, then the handler gets the files (@UploadedFiles()).
 * A urlencoded POST to the same route is read as usual and checked the same way.
 */
export const MultipartForm = (field: string, limits: UploadLimits) =>
  applyDecorators(
    SetMetadata(CSRF_CHECKED_AFTER_UPLOAD, true),
    UseInterceptors(
      FilesInterceptor(field, limits.files, { limits: { fileSize: limits.fileBytes, files: limits.files, fields: 50, fieldSize: 64 * 1024 } }),
      CsrfCheckedAfterUpload,
    ),
  );
