import { withoutSecrets } from './logging.js';

describe('withoutSecrets', () => {
  it('hides secrets by name at any of four levels, in any case, without changing what it was given', () => {
    const logged = { event: 'careless', Password: 'hunter2', a: { b: { headers: { Authorization: 'Bearer x' } } }, list: [{ token: 't' }, 'plain'] };
    const before = structuredClone(logged);

    expect(withoutSecrets(logged)).toEqual({
      event: 'careless',
      Password: '[redacted]',
      a: { b: { headers: { Authorization: '[redacted]' } } },
      list: [{ token: '[redacted]' }, 'plain'],
    });
    expect(logged).toEqual(before);
  });

  it('answers an object without secrets as it is, with no copy', () => {
    const line = { event: 'request', method: 'GET', route: '/products/:slug', status: 200, at: new Date() };
    expect(withoutSecrets(line)).toBe(line);
  });

  it("looks through an error's own properties, such as a failed query's bound values", () => {
    const failed = Object.assign(new Error('Duplicate entry'), { query: 'INSERT INTO user …', parameters: ['argon2id-hash'] });
    const logged = withoutSecrets({ err: failed }) as { err: Record<string, unknown> };

    expect(logged.err).toMatchObject({ type: 'Error', message: 'Duplicate entry', query: 'INSERT INTO user …', parameters: '[redacted]' });
    expect(JSON.stringify(logged)).not.toContain('argon2id-hash');
  });
});
