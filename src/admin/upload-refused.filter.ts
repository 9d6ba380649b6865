import { type ArgumentsHost, BadRequestException, Catch, type ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { UploadLimits } from '../common/multipart-form.js';

/**
 * An upload the parser stopped (a file over the size limit: 413; too many files: 400) gets a page in
 * the panel's layout that says what happened and leads back to the form. Nothing of it was kept: the
 * parser holds files in memory and drops them with the request.
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class UploadRefusedFilter implements ExceptionFilter {
  /** `what` the form uploads, as the message names it: "picture", "file". */
  constructor(
    private readonly limits: UploadLimits,
    private readonly what = 'picture',
  ) {}

  catch(exception: PayloadTooLargeException | BadRequestException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const tooLarge = exception instanceof PayloadTooLargeException;
    const megabytes = Math.round(this.limits.fileBytes / (1024 * 1024));
    res.status(exception.getStatus()).render('admin/upload-refused', {
      title: tooLarge ? 'File too large' : 'Upload not accepted',
      layout: 'admin',
      message: tooLarge
        ? `One of the files is larger than ${megabytes} MB, the most a ${this.what} may have. Nothing was uploaded: please make that ${this.what} smaller (or leave it out) and try again.`
        : `Please upload at most ${this.limits.files === 1 ? 'one file' : `${this.limits.files} files`} at a time, each of them a ${this.what} of ${megabytes} MB at most. Nothing was uploaded.`,
      back: req.originalUrl,
    });
  }
}
