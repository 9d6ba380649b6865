import { API_DOCUMENT } from './openapi.js';

describe('the OpenAPI document', () => {
  it('points every $ref at something it defines', () => {
    const refs = [...JSON.stringify(API_DOCUMENT).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, kind, name] of refs)
      expect({ kind, name, defined: name in API_DOCUMENT.components[kind as 'schemas' | 'responses'] }).toEqual({ kind, name, defined: true });
  });

  it('gives every operation a unique id and every error an RFC 9457 problem body', () => {
    const operations = Object.values(API_DOCUMENT.paths).flatMap((item) => Object.values(item));
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const answer of Object.values(API_DOCUMENT.components.responses)) {
      expect(answer.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
    }
  });
});
