import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file under var/ on port 3000', () => {
    const sut = loadConfig({});
    expect(sut.port).toBe(3000);
    expect(sut.database).toEqual({ driver: 'sqlite', path: expect.stringMatching(/var\/shop\.sqlite$/) });
    expect(sut.seedDemoCatalog).toBe(true);
  });

  it('reads MySQL and MariaDB URLs and the database they name', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/shop' }).database).toMatchObject({ driver: 'mysql', database: 'shop' });
    expect(loadConfig({ DATABASE_URL: 'mariadb://u:p@db:3306/anarkali' }).database).toMatchObject({ driver: 'mariadb', database: 'anarkali' });
  });

  it('lists every bad variable at once instead of failing on the first', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', ADMIN_EMAIL: 'nope', SESSION_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(4);
    expect((error as ConfigError).message).toContain('PORT must be a port number');
  });

  it('builds email links on PUBLIC_URL, by default this machine\'s port', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://shop.example.pk/' }).publicUrl).toBe('https://shop.example.pk');
    expect(() => loadConfig({ PUBLIC_URL: 'shop.example.pk' })).toThrow('PUBLIC_URL must be an http:// or https:// address');
  });

  it('counts sign-in attempts in Redis only when REDIS_URL is a redis:// address', () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'anarkali:' });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380', REDIS_KEY_PREFIX: 'shop2:' }).redis?.keyPrefix).toBe('shop2:');
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow('REDIS_URL must start with redis:// or rediss://');
  });

  it('lower-cases the owner email', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'Owner@Shop.PK' }).owner.email).toBe('owner@shop.pk');
  });
});
