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
  enum?: unknown[];
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
        summary: 'One page of published products, with facet counts',
        description:
          "The same listing as the shop's /products page: search, filters, sort and page, 24 products to a page. " +
          'A product matches when one of its variants meets the size, colour, price and stock filters together. ' +
          'Each facet counts the products matching every filter except its own. Parameters not listed here are ignored; ' +
          'a listed one with a value that cannot be used is a 400.',
        tags: ['catalog'],
        parameters: [
          {
            name: 'q',
            in: 'query',
            description:
              'Search words, matched as word prefixes in the name, category, colours and description; a plural also finds the singular. ' +
              'Words under 3 letters and very common words are not searched by; with none left, the search is ignored.',
            schema: { type: 'string', maxLength: 100 },
          },
          {
            name: 'category',
            in: 'query',
            description: 'Only products of the category with this slug, or of a category below it.',
            schema: { type: 'string', maxLength: 120 },
          },
          {
            name: 'size',
            in: 'query',
            description: 'A size; repeat the parameter for any of several (size=M&size=L).',
            schema: {
              anyOf: [
                { type: 'string', maxLength: 40 },
                { type: 'array', items: { type: 'string', maxLength: 40 } },
              ],
            },
          },
          {
            name: 'colour',
            in: 'query',
            description: 'A colour; repeat the parameter for any of several.',
            schema: {
              anyOf: [
                { type: 'string', maxLength: 40 },
                { type: 'array', items: { type: 'string', maxLength: 40 } },
              ],
            },
          },
          {
            name: 'minPrice',
            in: 'query',
            description: 'Lowest variant price, included, in major units of the store currency (2500 is 2,500.00); up to two decimals.',
            schema: { type: 'number', minimum: 0 },
          },
          {
            name: 'maxPrice',
            in: 'query',
            description: 'Highest variant price, included, in major units; not below minPrice.',
            schema: { type: 'number', minimum: 0 },
          },
          {
            name: 'inStock',
            in: 'query',
            description: '1: only products with the matching variant in stock.',
            schema: { type: 'string', enum: ['1', '0', 'true', 'false'] },
          },
          {
            name: 'sort',
            in: 'query',
            description: 'relevance (only with q; the default then), newest (the default otherwise), price_asc, price_desc or popular (units sold).',
            schema: { type: 'string', enum: ['relevance', 'newest', 'price_asc', 'price_desc', 'popular'] },
          },
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
        parameters: [
          {
            name: 'slug',
            in: 'path',
            required: true,
            description: "The product's slug, as in its page address; an old slug, or the slug in other capitals, answers 301.",
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': { description: 'The product.', headers: cacheHeaders, content: json(ref('ProductDetail')) },
          '301': {
            description:
              'The slug is one the product used to have, or its slug in other capitals: Location is its current address here, with the same query string.',
            headers: {
              Location: {
                description: 'The product at its current slug.',
                schema: { type: 'string', format: 'uri-reference', examples: ['/api/v1/products/shalimar-lawn-kurta'] },
              },
            },
          },
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      },
    },
    '/api/v1/categories': {
      get: {
        operationId: 'listCategories',
        summary: "Every category, in the shop's order: each top-level category followed by its children",
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
        required: ['slug', 'name', 'url', 'fromPrice', 'compareAtPrice', 'image', 'soldOut'],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          url: { type: 'string', format: 'uri-reference', description: "The product's page in the shop." },
          fromPrice: { ...ref('Money'), description: 'The lowest price of its variants.' },
          compareAtPrice: {
            anyOf: [{ ...ref('Money'), description: 'The price before the sale, shown struck through.' }, { type: 'null' }],
            description: 'Set only while the lowest-priced variant is on sale.',
          },
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
        required: ['items', 'page', 'pages', 'total', 'sort', 'facets'],
        properties: {
          items: { type: 'array', items: ref('ProductSummary') },
          page: { type: 'integer', minimum: 1 },
          pages: { type: 'integer', minimum: 1 },
          total: { type: 'integer', minimum: 0 },
          sort: { type: 'string', enum: ['relevance', 'newest', 'price_asc', 'price_desc', 'popular'], description: 'The sort applied.' },
          facets: ref('Facets'),
        },
      },
      Facets: {
        type: 'object',
        description: "Counts of distinct products matching every filter except the facet's own.",
        required: ['categories', 'sizes', 'colours', 'prices', 'inStock'],
        properties: {
          categories: { type: 'array', items: ref('CategoryFacet'), description: 'Top-level categories with products to show, each with its children.' },
          sizes: { type: 'array', items: ref('OptionFacet'), description: "In the store's size order." },
          colours: {
            type: 'array',
            items: {
              type: 'object',
              required: ['value', 'swatch', 'count', 'selected'],
              properties: {
                value: { type: 'string' },
                swatch: { type: ['string', 'null'], pattern: '^#[0-9a-fA-F]{6}$' },
                count: { type: 'integer', minimum: 0 },
                selected: { type: 'boolean' },
              },
            },
          },
          prices: {
            type: 'array',
            description: 'Fixed ranges, both ends included, in major units as minPrice and maxPrice take them; null means open-ended.',
            items: {
              type: 'object',
              required: ['minPrice', 'maxPrice', 'count', 'selected'],
              properties: {
                minPrice: { type: ['number', 'null'] },
                maxPrice: { type: ['number', 'null'] },
                count: { type: 'integer', minimum: 0 },
                selected: { type: 'boolean' },
              },
            },
          },
          inStock: {
            type: 'object',
            required: ['count', 'selected'],
            properties: { count: { type: 'integer', minimum: 0 }, selected: { type: 'boolean' } },
          },
        },
      },
      CategoryFacet: {
        type: 'object',
        required: ['slug', 'name', 'count', 'selected', 'children'],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          count: { type: 'integer', minimum: 0, description: 'Products in the category or below it.' },
          selected: { type: 'boolean' },
          children: { type: 'array', items: ref('CategoryFacet') },
        },
      },
      OptionFacet: {
        type: 'object',
        required: ['value', 'count', 'selected'],
        properties: { value: { type: 'string' }, count: { type: 'integer', minimum: 0 }, selected: { type: 'boolean' } },
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
        required: ['sku', 'size', 'colour', 'price', 'compareAtPrice', 'inStock'],
        properties: {
          sku: { type: 'string' },
          size: { type: ['string', 'null'] },
          colour: { type: ['string', 'null'] },
          price: ref('Money'),
          compareAtPrice: {
            anyOf: [{ ...ref('Money'), description: 'The price before the sale, shown struck through.' }, { type: 'null' }],
            description: 'Set only while the variant is on sale (higher than price).',
          },
          inStock: { type: 'boolean' },
        },
      },
      Category: {
        type: 'object',
        required: ['slug', 'name', 'description', 'parent', 'url'],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          description: { type: ['string', 'null'] },
          parent: { type: ['string', 'null'], description: "The parent category's slug; null at the top level." },
          url: { type: 'string', format: 'uri-reference', description: "The category's page in the shop." },
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
        description:
          'A parameter is not acceptable: given twice where one value is expected, too long, not a number or not one of the listed values, or not valid percent-encoding.',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
      NotFound: {
        description: 'No such published product or category.',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    },
  },
};
