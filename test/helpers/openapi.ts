import type { OpenApiDocument, Schema, SchemaObject } from '../../src/catalog/openapi.js';

/**
 * Where a JSON answer differs from its schema in the OpenAPI document: wrong types, missing required
 * fields, and fields the document does not mention (so an undocumented field, such as a stock count,
 * cannot slip into an answer). Covers the JSON Schema keywords the document uses, not all of them.
 */
export function schemaMismatches(value: unknown, schema: Schema, document: OpenApiDocument, at = '$'): string[] {
  const resolved = resolve(schema, document);
  if (resolved.anyOf) {
    const fits = resolved.anyOf.some((option) => schemaMismatches(value, option, document, at).length === 0);
    return fits ? [] : [`${at}: ${JSON.stringify(value)} fits none of anyOf`];
  }
  const types = resolved.type === undefined ? [] : [resolved.type].flat();
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return [`${at}: expected ${types.join(' or ')}, got ${JSON.stringify(value)}`];
  const found: string[] = [];
  if (isRecord(value) && resolved.properties) {
    for (const name of resolved.required ?? []) if (!(name in value)) found.push(`${at}.${name}: missing`);
    for (const [name, property] of Object.entries(value)) {
      const propertySchema = resolved.properties[name];
      found.push(...(propertySchema ? schemaMismatches(property, propertySchema, document, `${at}.${name}`) : [`${at}.${name}: not in the document`]));
    }
  }
  if (Array.isArray(value) && resolved.items) {
    const items = resolved.items;
    value.forEach((item, index) => found.push(...schemaMismatches(item, items, document, `${at}[${index}]`)));
  }
  return found;
}

/** The schema of a documented answer: `paths[path].get.responses[status]`, following $refs. */
export function responseSchema(document: OpenApiDocument, path: string, status: string, mediaType: string): Schema {
  const operation = document.paths[path]?.get;
  if (!operation) throw new Error(`${path} is not in the document`);
  let answer = operation.responses[status];
  if (answer && '$ref' in answer) answer = document.components.responses[answer.$ref.replace('#/components/responses/', '')];
  const schema = answer?.content?.[mediaType]?.schema;
  if (!schema) throw new Error(`no ${mediaType} schema for ${status} of ${path}`);
  return schema;
}

function resolve(schema: Schema, document: OpenApiDocument): SchemaObject {
  if (!('$ref' in schema)) return schema;
  const target = document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(target, document);
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isRecord(value);
  return typeof value === type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
