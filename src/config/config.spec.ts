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

  it("builds email links on PUBLIC_URL, by default this machine's port", () => {
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

  it('listens on HOST, an IP address or host name, and on every interface without it', () => {
    expect(loadConfig({}).host).toBeUndefined();
    expect(loadConfig({ HOST: '' }).host).toBeUndefined();
    for (const host of ['127.0.0.1', '::1', '0.0.0.0', 'localhost', 'shop-1.internal']) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const host of ['http://127.0.0.1', '127.0.0.1:3000', '[::1]', 'shop host', '-shop']) {
      expect(() => loadConfig({ HOST: host })).toThrow(`HOST must be an IP address or a host name to listen on (got "${host}")`);
    }
  });

  it('trusts X-Forwarded-* only from the proxies TRUST_PROXY names, or a hop count, and then sets cookies for TLS', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, trustedProxies: undefined });
    for (const off of ['', '0', 'false']) expect(loadConfig({ TRUST_PROXY: off })).toMatchObject({ trustProxy: false, trustedProxies: undefined });
    expect(loadConfig({ TRUST_PROXY: '1' })).toMatchObject({ trustProxy: true, trustedProxies: 1 });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustedProxies).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback' })).toMatchObject({ trustProxy: true, trustedProxies: ['loopback'] });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8, uniquelocal' }).trustedProxies).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'fd00::/8',
      'uniquelocal',
    ]);
  });

  it('refuses a TRUST_PROXY that trusts anyone, or that proxy-addr cannot read, saying what to set instead', () => {
    for (const anyone of ['true', 'TRUE', 'all', '0.0.0.0/0', '10.0.0.5,::/0']) {
      expect(() => loadConfig({ TRUST_PROXY: anyone })).toThrow(
        `TRUST_PROXY=${anyone} would believe X-Forwarded-For from anyone who reaches the shop; name the proxy instead`,
      );
    }
    for (const bad of ['yes', '10.0.0.300', '10.0.0.0/33', 'loopback,proxy.example']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow('TRUST_PROXY must be a hop count or a comma-separated list of proxy addresses');
    }
  });

  it('lists a bad HOST and TRUST_PROXY with the other bad variables', () => {
    let problems: string[] = [];
    try {
      loadConfig({ HOST: 'not a host', TRUST_PROXY: 'all', PORT: 'eighty' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^PORT /), expect.stringMatching(/^HOST /), expect.stringMatching(/^TRUST_PROXY=all /)]);
  });

  it('lower-cases the owner email', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'Owner@Shop.PK' }).owner.email).toBe('owner@shop.pk');
  });

  it('keeps the store’s days in Asia/Karachi unless STORE_TIME_ZONE names another zone, and refuses a zone that does not exist', () => {
    expect(loadConfig({}).storeTimeZone).toBe('Asia/Karachi');
    expect(loadConfig({ STORE_TIME_ZONE: 'Europe/London' }).storeTimeZone).toBe('Europe/London');
    expect(() => loadConfig({ STORE_TIME_ZONE: 'Mars/Olympus' })).toThrow('STORE_TIME_ZONE must be a time zone name');
  });

  it('runs scheduled jobs unless JOBS=0', () => {
    expect(loadConfig({}).jobsEnabled).toBe(true);
    expect(loadConfig({ JOBS: '0' }).jobsEnabled).toBe(false);
  });

  it('gives a once-job’s lease a minute beyond its period unless JOB_LEASE_MS says otherwise', () => {
    expect(loadConfig({}).jobLeaseMs).toBe(60_000);
    expect(loadConfig({ JOB_LEASE_MS: '250' }).jobLeaseMs).toBe(250);
    expect(() => loadConfig({ JOB_LEASE_MS: '0' })).toThrow('JOB_LEASE_MS must be a whole number of milliseconds, at least 1');
  });
  it('reads the log level, the metrics token, the pool, the HTTP limits and the shutdown grace, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      logLevel: 'info',
      metricsToken: undefined,
      databasePool: { size: 20, acquireTimeoutMs: 5_000 },
      http: { headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000 },
      shutdownGraceMs: 10_000,
    });
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('error');
    const token = 'f'.repeat(64);
    expect(
      loadConfig({
        LOG_LEVEL: 'debug',
        METRICS_TOKEN: token,
        DB_POOL_SIZE: '5',
        DB_ACQUIRE_TIMEOUT_MS: '250',
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_REQUEST_TIMEOUT_MS: '2000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
        SHUTDOWN_GRACE_MS: '0',
      }),
    ).toMatchObject({
      logLevel: 'debug',
      metricsToken: token,
      databasePool: { size: 5, acquireTimeoutMs: 250 },
      http: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 300 },
      shutdownGraceMs: 0,
    });
  });

  it('refuses a short or spaced metrics token, a pool of no connections, and timeouts that are not milliseconds', () => {
    let error: unknown;
    try {
      loadConfig({
        LOG_LEVEL: 'loud',
        METRICS_TOKEN: 'secret',
        DB_POOL_SIZE: '0',
        DB_ACQUIRE_TIMEOUT_MS: '1.5',
        HTTP_HEADERS_TIMEOUT_MS: '90000',
        HTTP_REQUEST_TIMEOUT_MS: '60000',
        SHUTDOWN_GRACE_MS: '-1',
      });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual([
      expect.stringContaining('LOG_LEVEL must be one of'),
      expect.stringContaining('METRICS_TOKEN must be at least 32 printable characters'),
      expect.stringContaining('DB_POOL_SIZE must be a number of connections from 1 to 1000'),
      expect.stringContaining('DB_ACQUIRE_TIMEOUT_MS must be a whole number of milliseconds'),
      'HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS',
      expect.stringContaining('SHUTDOWN_GRACE_MS must be a whole number of milliseconds, at least 0'),
    ]);
    expect(() => loadConfig({ METRICS_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` })).toThrow('METRICS_TOKEN');
  });

  describe('payments', () => {
    const stripe = { STRIPE_SECRET_KEY: 'sk_test_51abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };
    const safepay = { SAFEPAY_API_KEY: 'sec_1234', SAFEPAY_SECRET_KEY: 'merchant-secret', SAFEPAY_WEBHOOK_SECRET: Buffer.from('secret').toString('base64') };

    it('offers no card provider without keys, and holds an unpaid card payment’s stock for 30 minutes', () => {
      expect(loadConfig({}).payments).toEqual({ releaseAfterMinutes: 30, providerTimeoutMs: 15_000, stripe: undefined, safepay: undefined });
    });

    it('switches Stripe on with both its keys, pointed at STRIPE_API_URL when set', () => {
      expect(loadConfig(stripe).payments.stripe).toEqual({ secretKey: 'sk_test_51abc', webhookSecret: 'whsec_abc123', api: undefined });
      expect(loadConfig({ ...stripe, STRIPE_API_URL: 'http://127.0.0.1:12111' }).payments.stripe?.api).toEqual({
        protocol: 'http',
        host: '127.0.0.1',
        port: 12111,
      });
    });

    it('switches Safepay on with its three keys, on the sandbox unless SAFEPAY_ENVIRONMENT=production', () => {
      expect(loadConfig(safepay).payments.safepay).toMatchObject({ environment: 'sandbox', apiUrl: 'https://sandbox.api.getsafepay.com' });
      expect(loadConfig({ ...safepay, SAFEPAY_ENVIRONMENT: 'production' }).payments.safepay).toMatchObject({
        apiUrl: 'https://api.getsafepay.com',
        checkoutUrl: 'https://getsafepay.com/checkout/pay',
      });
    });

    it('stops at start on half a provider’s keys, a key of the wrong kind, or a bad window, naming each', () => {
      let error: unknown;
      try {
        loadConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable', SAFEPAY_API_KEY: 'sec_1', PAYMENT_RELEASE_MINUTES: '0', SAFEPAY_ENVIRONMENT: 'staging' });
      } catch (caught) {
        error = caught;
      }
      expect((error as ConfigError).problems).toEqual([
        'PAYMENT_RELEASE_MINUTES must be a whole number of minutes from 1 to 1440 (got "0")',
        'STRIPE_WEBHOOK_SECRET must be set too: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET go together',
        'SAFEPAY_SECRET_KEY and SAFEPAY_WEBHOOK_SECRET must be set too: SAFEPAY_API_KEY, SAFEPAY_SECRET_KEY, SAFEPAY_WEBHOOK_SECRET go together',
      ]);
      expect(() => loadConfig({ ...stripe, STRIPE_SECRET_KEY: 'pk_test_publishable' })).toThrow('STRIPE_SECRET_KEY must be a secret key');
      expect(() => loadConfig({ ...safepay, SAFEPAY_ENVIRONMENT: 'staging' })).toThrow('SAFEPAY_ENVIRONMENT must be sandbox or production');
    });
  });
});
