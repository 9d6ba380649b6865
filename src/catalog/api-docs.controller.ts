import { Controller, Get } from '@nestjs/common';
import { PublicCache } from '../common/public-cache.js';
import { API_DOCUMENT, type OpenApiDocument } from './openapi.js';

/** The OpenAPI document of /api/v1, at the address the route contract promises. */
@Controller('api')
export class ApiDocsController {
  @Get('docs')
  @PublicCache(60)
  docs(): OpenApiDocument {
    return API_DOCUMENT;
  }
}
