import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { parsePaymentConfig, type PaymentConfig } from './payment-config.js';
import { parseReminderConfig, type ReminderConfig } from './reminder-config.js';

export type DatabaseConfig = { driver: 'sqlite'; path: string } | { driver: 'mysql' | 'mariadb'; url: string; database: string };

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  port: number;
  /** The address to listen on (HOST); undefined listens on every interface. */
  host?: string;
  /** The shop's address as customers reach it (no trailing slash), for links in emails. */
  publicUrl: string;
  database: DatabaseConfig;
  /** Where the shop keeps files it makes: the SQLite database, generated pictures, mail in development. */
  varDir: string;
  /** Seed the demo clothing catalog when the catalog is empty. */
  seedDemoCatalog: boolean;
  owner: { email?: string; password?: string };
  sessionSecret?: string;
  /** Behind a TLS-terminating proxy (TRUST_PROXY is set): cookies Secure and `__Host-`, HSTS. */
  trustProxy: boolean;
  /**
   * Whose X-Forwarded-* headers are believed, as Express's `trust proxy` takes it: a hop count, or
   * addresses, CIDRs and the names loopback, linklocal, uniquelocal. Anyone else's are ignored.
   */
  trustedProxies?: number | string[];
  sessionIdleMinutes: number;
  /**
   * The store's time zone (IANA name, STORE_TIME_ZONE, default Asia/Karachi): where its days begin and end,
   * for "today" on the dashboard, sales per day and the daily stock digest.
   */
  storeTimeZone: string;
  /** Scheduled jobs such as the daily low-stock digest (JOBS=0 turns them off; tests drive them themselves). */
  jobsEnabled: boolean;
  /**
   * How long a once-across-instances job's lease outlasts the job's period (JOB_LEASE_MS, default a
   * minute): the holder renews it at each run, so an instance that dies is replaced this long after
   * its next run was due.
   */
  jobLeaseMs: number;
  /**
   * REDIS_URL (redis:// or rediss://): sign-in attempt counters and the catalog cache live in Redis instead
   * of the database and process memory. Every key starts with REDIS_KEY_PREFIX, so several shops (or test
   * runs) can share one server.
   */
  redis?: { url: string; keyPrefix: string };
  /** How much the shop logs (LOG_LEVEL): JSON lines, one per request and per event; readable text in development. */
  logLevel: LogLevel;
  /**
   * METRICS_TOKEN: /metrics answers a scraper that sends it as a bearer token, from anywhere; without a
   * token, only a scraper on this machine (loopback, no proxy in between) is answered.
   */
  metricsToken?: string;
  /** The database pool: connections at most (DB_POOL_SIZE), and how long a request waits for one before a 503 (DB_ACQUIRE_TIMEOUT_MS). */
  databasePool: { size: number; acquireTimeoutMs: number };
  /** Limits against slow or idle clients, in milliseconds (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  /** On SIGTERM or SIGINT, how long requests in flight may take to finish before they are cut (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  mail: {
    /** smtp://user:pass@host:587 ; without it mail is written to VAR_DIR/mail as .eml files. */
    smtpUrl?: string;
    from: string;
    /** The background sender; tests turn it off and drive deliveries themselves. */
    workerEnabled: boolean;
  };
  /** Card and wallet payments (Stripe, Safepay) and how long an unpaid one holds stock: see payment-config.ts. */
  payments: PaymentConfig;
  /** When the after-sale jobs act (risky COD orders' confirmation, abandoned-cart reminders): see reminder-config.ts. */
  reminders: ReminderConfig;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOST_NAME = /^(?=.{1,253}$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i;

/** Reads the environment once, validates every variable and reports all bad ones together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const environment = (env.NODE_ENV ?? 'development') as AppConfig['environment'];
  if (!['development', 'production', 'test'].includes(environment)) {
    problems.push(`NODE_ENV must be development, production or test (got "${env.NODE_ENV}")`);
  }

  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (got "${env.PORT}")`);

  const host = env.HOST || undefined;
  if (host && !isIP(host) && !HOST_NAME.test(host)) problems.push(`HOST must be an IP address or a host name to listen on (got "${host}")`);

  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/[^\s?#]*)?$/.test(publicUrl)) problems.push(`PUBLIC_URL must be an http:// or https:// address (got "${env.PUBLIC_URL}")`);

  const varDir = path.resolve(env.VAR_DIR ?? 'var');
  const database = parseDatabase(env.DATABASE_URL, varDir, problems);

  const owner = { email: env.ADMIN_EMAIL?.trim().toLowerCase() || undefined, password: env.ADMIN_PASSWORD || undefined };
  if (owner.email && !EMAIL.test(owner.email)) problems.push('ADMIN_EMAIL must be an email address');
  if (owner.password && owner.password.length < 10) problems.push('ADMIN_PASSWORD must be at least 10 characters');
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
  }

  const trustedProxies = parseTrustedProxies(env.TRUST_PROXY, problems);

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  const mailFrom = env.MAIL_FROM ?? 'Anarkali <shop@anarkali.local>';

  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s/]+/.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)');
  const redisKeyPrefix = env.REDIS_KEY_PREFIX ?? 'anarkali:';
  if (!/^[\w:.-]{0,64}$/.test(redisKeyPrefix)) problems.push('REDIS_KEY_PREFIX may hold only letters, digits and _ : . - (at most 64)');

  const storeTimeZone = env.STORE_TIME_ZONE || DEFAULT_TIME_ZONE;
  if (!isTimeZone(storeTimeZone)) problems.push(`STORE_TIME_ZONE must be a time zone name such as Asia/Karachi or Europe/London (got "${storeTimeZone}")`);

  const logLevel = (env.LOG_LEVEL || (environment === 'test' ? 'error' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);

  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{32,}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be at least 32 printable characters without spaces (e.g. openssl rand -hex 32)');
  }

  const milliseconds = (name: string, fallback: number, least = 1) => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < least) problems.push(`${name} must be a whole number of milliseconds, at least ${least} (got "${env[name]}")`);
    return value;
  };
  const poolSize = Number(env.DB_POOL_SIZE || 20);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000)
    problems.push(`DB_POOL_SIZE must be a number of connections from 1 to 1000 (got "${env.DB_POOL_SIZE}")`);
  const databasePool = { size: poolSize, acquireTimeoutMs: milliseconds('DB_ACQUIRE_TIMEOUT_MS', 5_000) };
  const http = {
    headersTimeoutMs: milliseconds('HTTP_HEADERS_TIMEOUT_MS', 20_000),
    requestTimeoutMs: milliseconds('HTTP_REQUEST_TIMEOUT_MS', 300_000),
    keepAliveTimeoutMs: milliseconds('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000),
  };
  // Node refuses a headers timeout longer than the request timeout, which bounds the whole request.
  if (http.headersTimeoutMs > http.requestTimeoutMs) problems.push('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  const shutdownGraceMs = milliseconds('SHUTDOWN_GRACE_MS', 10_000, 0);
  const jobLeaseMs = milliseconds('JOB_LEASE_MS', 60_000);

  const payments = parsePaymentConfig(env, problems);
  const reminders = parseReminderConfig(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    environment,
    port,
    host,
    publicUrl,
    database: database!,
    varDir,
    seedDemoCatalog: env.SEED_DEMO !== '0',
    owner,
    sessionSecret: env.SESSION_SECRET,
    trustProxy: trustedProxies !== undefined,
    trustedProxies,
    sessionIdleMinutes: 30,
    storeTimeZone,
    jobsEnabled: env.JOBS !== '0',
    jobLeaseMs,
    redis: redisUrl ? { url: redisUrl, keyPrefix: redisKeyPrefix } : undefined,
    logLevel,
    metricsToken,
    databasePool,
    http,
    shutdownGraceMs,
    mail: { smtpUrl, from: mailFrom, workerEnabled: env.MAIL_WORKER !== '0' },
    payments,
    reminders,
  };
}

/**
 * TRUST_PROXY as Express's `trust proxy` takes it, checked by the same parser Express uses (proxy-addr).
 * Trusting every peer is refused: anyone who reaches the port could then choose their own address.
 */
function parseTrustedProxies(value: string | undefined, problems: string[]): number | string[] | undefined {
  const setting = value?.trim() ?? '';
  if (['', '0', 'false'].includes(setting.toLowerCase())) return undefined;
  if (/^\d+$/.test(setting)) return Number(setting);
  const proxies = setting.split(',').map((proxy) => proxy.trim());
  if (['true', 'all'].includes(setting.toLowerCase()) || proxies.some((proxy) => /\/0+$/.test(proxy))) {
    problems.push(
      `TRUST_PROXY=${setting} would believe X-Forwarded-For from anyone who reaches the shop; name the proxy instead: its address or network (10.0.0.5, 10.0.0.0/8), loopback, or a hop count`,
    );
    return undefined;
  }
  try {
    proxyaddr.compile(proxies);
  } catch (error) {
    problems.push(
      `TRUST_PROXY must be a hop count or a comma-separated list of proxy addresses, networks (CIDR) or loopback, linklocal, uniquelocal: ${(error as Error).message}`,
    );
    return undefined;
  }
  return proxies;
}

function parseDatabase(url: string | undefined, varDir: string, problems: string[]): DatabaseConfig | undefined {
  if (!url) return { driver: 'sqlite', path: path.join(varDir, 'shop.sqlite') };
  if (url.startsWith('sqlite:')) return { driver: 'sqlite', path: path.resolve(url.slice('sqlite:'.length).replace(/^\/\//, '')) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push('DATABASE_URL is not a URL (expected mysql://user:pass@host:3306/shop, mariadb://… or sqlite:path)');
    return undefined;
  }
  const driver = parsed.protocol.replace(':', '');
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (driver !== 'mysql' && driver !== 'mariadb') {
    problems.push(`DATABASE_URL must start with mysql://, mariadb:// or sqlite: (got "${parsed.protocol}")`);
    return undefined;
  }
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    problems.push('DATABASE_URL must name a database of letters, digits and underscores');
    return undefined;
  }
  return { driver, url, database };
}

/** The shop's home, and where its demo brand sells: Pakistan keeps one offset all year (UTC+5). */
const DEFAULT_TIME_ZONE = 'Asia/Karachi';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The MySQL/MariaDB server on which `npm run migration:generate` makes its scratch databases
 * (MIGRATION_DATABASE_URL; a database named in it is ignored).
 */
export function migrationServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.MIGRATION_DATABASE_URL || 'mariadb://root@127.0.0.1:3306';
}
