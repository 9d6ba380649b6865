/**
 * The public JSON API's contract, served as JSON at GET /api/docs. Written by hand (no generator
 * package) and checked by test/e2e/catalog-api.e2e-spec.ts: every /api/v1 route must appear here and
 * every answer must match its schema, so the document cannot drift from the code unnoticed.
 *
 * It lives in the catalog module because the catalog is the only module with an API so far. When the
 * cart or orders add theirs, the types and the Problem schema move to src/common and each module
 * contributes its own paths; the route test fails until they are documented.
 */

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** The part of JSON Schema 2020-12 (OpenAPI 3.1's dialect) this document uses. */
export interface SchemaObject {
  type?: JsonType | JsonType[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
}

/** OpenAPI 3.1 allows a description beside a $ref. */
export interface Reference {
  $ref: string;
  description?: string;
}

export type Schema = SchemaObject | Reference;

export interface Parameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: Schema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: Schema }>;
  content?: Record<string, { schema: Schema }>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Parameter[];
  responses: Record<string, ResponseObject | Reference>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, { get?: Operation }>;
  components: { schemas: Record<string, Schema>; responses: Record<string, ResponseObject> };
}

const ref = (name: string): Reference => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Reference => ({ $ref: `#/components/responses/${name}` });

const cacheHeaders = {
  'Cache-Control': { description: 'Successful catalog answers may be cached for a minute.', schema: { type: 'string', examples: ['public, max-age=60'] } },
} satisfies ResponseObject['headers'];

const json = (schema: Schema) => ({ 'application/json': { schema } });

export const API_DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Anarkali public API',
    version: '1.0.0',
    description:
      'Read-only catalog of the shop. Prices are integer minor units (paisa, cents) in the store currency. ' +
      'Answers never set cookies. Errors are RFC 9457 problem details (application/problem+json).',
  },
  tags: [{ name: 'catalog', description: 'Categories and published products' }],
  paths: {
    '/api/v1/products': {
      get: {
        operationId: 'listProducts',
        summary: 'One page of published products, newest first',
        description: 'The same listing as the shop\'s /products page. Parameters other than q, category and page are ignored.',
        tags: ['catalog'],
        parameters: [
          { name: 'q', in: 'query', description: 'Words in the product name (case-insensitive).', schema: { type: 'string', maxLength: 100 } },
          { name: 'category', in: 'query', description: 'Only products of the category with this slug.', schema: { type: 'string', maxLength: 120 } },
          {
            name: 'page',
            in: 'query',
            description: 'Page number from 1. Anything but a positive whole number means page 1; a page past the end gives the last page.',
            schema: { type: 'integer', minimum: 1, default: 1 },
          },
        ],
        responses: {
          '200': { description: 'The page of products.', headers: cacheHeaders, content: json(ref('ProductList')) },
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      },
    },
    '/api/v1/products/{slug}': {
      get: {
        operationId: 'getProduct',
        summary: 'A published product with its pictures, options and variants',
        tags: ['catalog'],
        parameters: [{ name: 'slug', in: 'path', required: true, description: 'The product\'s slug, as in its page address.', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The product.', headers: cacheHeaders, content: json(ref('ProductDetail')) },
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      },
    },
    '/api/v1/categories': {
      get: {
        operationId: 'listCategories',
        summary: 'Every category, in the shop\'s order',
        tags: ['catalog'],
        responses: {
          '200': { description: 'The categories.', headers: cacheHeaders, content: json({ type: 'array', items: ref('Category') }) },
        },
      },
    },
  },
  components: {
    schemas: {
      Money: {
        type: 'object',
        required: ['amountMinor', 'currency'],
        properties: {
          amountMinor: { type: 'integer', description: 'Integer minor units: 349900 is 3,499.00.' },
          currency: { type: 'string', description: 'ISO 4217 code from the store settings.', examples: ['PKR'] },
        },
      },
      ProductSummary: {
        type: 'object',
        required: ['slug', 'name', 'url', 'fromPrice', 'image', 'soldOut'],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          url: { type: 'string', format: 'uri-reference', description: 'The product\'s page in the shop.' },
          fromPrice: { ...ref('Money'), description: 'The lowest price of its variants.' },
          image: {
            anyOf: [
              { type: 'object', required: ['url', 'alt'], properties: { url: { type: 'string', format: 'uri-reference' }, alt: { type: 'string' } } },
              { type: 'null' },
            ],
          },
          soldOut: { type: 'boolean', description: 'True when no variant is in stock.' },
        },
      },
      ProductList: {
        type: 'object',
        required: ['items', 'page', 'pages', 'total'],
        properties: {
          items: { type: 'array', items: ref('ProductSummary') },
          page: { type: 'integer', minimum: 1 },
          pages: { type: 'integer', minimum: 1 },
          total: { type: 'integer', minimum: 0 },
        },
      },
      ProductDetail: {
        type: 'object',
        required: ['slug', 'name', 'description', 'category', 'images', 'options', 'variants'],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          description: { type: 'string' },
          category: {
            anyOf: [{ type: 'object', required: ['slug', 'name'], properties: { slug: { type: 'string' }, name: { type: 'string' } } }, { type: 'null' }],
          },
          images: {
            type: 'array',
            items: {
              type: 'object',
              required: ['url', 'alt', 'colour'],
              properties: {
                url: { type: 'string', format: 'uri-reference' },
                alt: { type: 'string' },
                colour: { type: ['string', 'null'], description: 'The colour the picture shows, if it shows one.' },
              },
            },
          },
          options: {
            type: 'object',
            required: ['sizes', 'colours'],
            properties: { sizes: { type: 'array', items: { type: 'string' } }, colours: { type: 'array', items: { type: 'string' } } },
          },
          variants: { type: 'array', items: ref('Variant') },
        },
      },
      Variant: {
        type: 'object',
        description: 'One size × colour. Whether it is in stock is public; how many units are on hand is not.',
        required: ['sku', 'size', 'colour', 'price', 'inStock'],
        properties: {
          sku: { type: 'string' },
          size: { type: ['string', 'null'] },
          colour: { type: ['string', 'null'] },
          price: ref('Money'),
          inStock: { type: 'boolean' },
        },
      },
      Category: {
        type: 'object',
        required: ['slug', 'name', 'description', 'url'],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          description: { type: ['string', 'null'] },
          url: { type: 'string', format: 'uri-reference', description: 'The category\'s page in the shop.' },
        },
      },
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details. Without "type", the problem type is about:blank.',
        required: ['status', 'title'],
        properties: {
          type: { type: 'string', format: 'uri-reference', default: 'about:blank' },
          status: { type: 'integer' },
          title: { type: 'string', description: 'What went wrong, for a person to read.' },
          detail: { type: 'string' },
          instance: { type: 'string', format: 'uri-reference' },
          reference: { type: 'string', description: 'On server errors: the id under which the error was logged.' },
        },
      },
    },
    responses: {
      BadRequest: {
        description: 'A parameter is not acceptable: given twice, too long, or not valid percent-encoding.',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
      NotFound: {
        description: 'No such published product or category.',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    },
  },
};
