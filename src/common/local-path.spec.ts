import { localPath } from './local-path.js';

describe('localPath', () => {
  it.each(['/account/orders', '/products?q=kurta', '/'])('follows the local path %s', (path) => {
    expect(localPath(path)).toBe(path);
  });

  it.each(['//evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\\evil.example', 'account', '/a\nb', ''])(
    'refuses %j and falls back',
    (path) => {
      expect(localPath(path, '/home')).toBe('/home');
    },
  );

  it('refuses anything that is not a string', () => {
    expect(localPath(['/a'], '/')).toBe('/');
    expect(localPath(undefined, '/')).toBe('/');
  });
});
