import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../src/common/paths.js';
import { loadConfig } from '../../src/config/config.js';

/** The parts of a Compose service these checks read. */
interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  networks?: string[] | Record<string, { ipv4_address?: string } | null>;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks: Record<string, { ipam: { config: { subnet: string }[] } }>;
}

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parse(composeText) as Compose;
const caddyfile = read('deploy/Caddyfile');
const dockerfile = read('Dockerfile');

/** The variables docker-compose.yml cannot start without (`${NAME:?…}`). */
const required = new Set([...composeText.matchAll(/\$\{([A-Z_]+):\?/g)].map((match) => match[1]));

/** deploy/compose.env.example as an owner fills it in: a value for each password it leaves blank. */
const exampleEnv = Object.fromEntries(
  read('deploy/compose.env.example')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => {
      const [name, value] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
      return [name, value || (required.has(name) ? `${name.toLowerCase()}-chosen-by-the-owner` : '')];
    }),
);

/** A value as Compose makes it from .env: ${NAME}, ${NAME:-default}, ${NAME:?error} (failing the test where Compose would refuse). */
function interpolated(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, word?: string) => {
    if (env[name]) return env[name];
    if (kind === '?') throw new Error(`docker compose would refuse to start: ${word ?? name}`);
    return kind === '-' ? (word ?? '') : '';
  });
}

const environmentOf = (service: Service) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolated(String(value), exampleEnv)]));
const networksOf = (service: Service) => (Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {}));
const secondsOf = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1]);

/** The environment variables src/config reads: `env.NAME`, `env['NAME']` or a name passed as a string. */
function namesTheShopReads(): Set<string> {
  const folder = path.join(projectRoot, 'src', 'config');
  const source = readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(path.join(folder, file), 'utf8'))
    .join('\n');
  return new Set([...source.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]*)|'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1] ?? match[2]));
}

/** The Dockerfile's value of `ENV NAME=…` and its HEALTHCHECK command. */
const dockerfileEnv = (name: string) => new RegExp(`^ENV .*\\b${name}=(\\S+)`, 'm').exec(dockerfile)?.[1];
const dockerfileHealthcheck = () => JSON.parse(/^\s*CMD (\[.*\])\s*$/m.exec(dockerfile.slice(dockerfile.indexOf('HEALTHCHECK')))?.[1] ?? 'null') as string[];

describe('docker-compose.yml: the shop on one VM, with MariaDB, Redis and Caddy', () => {
  const { shop, mariadb, redis, caddy } = compose.services;

  it('sets the shop only variables the shop reads, each of which it accepts', () => {
    expect([...required].filter((name) => !(name in exampleEnv))).toEqual([]);
    const reads = namesTheShopReads();
    expect(Object.keys(shop.environment ?? {}).filter((name) => !reads.has(name))).toEqual([]);
    expect(() => loadConfig(environmentOf(shop))).not.toThrow();
  });

  it('points the shop at the MariaDB and Redis services, with the credentials MariaDB is given', () => {
    const config = loadConfig(environmentOf(shop));
    if (config.database.driver === 'sqlite') throw new Error('expected the shop on MariaDB');
    const database = new URL(config.database.url);
    const mariadbEnv = environmentOf(mariadb);
    expect([database.protocol, database.hostname, database.port]).toEqual(['mariadb:', 'mariadb', '3306']);
    expect([database.username, decodeURIComponent(database.password), config.database.database]).toEqual([
      mariadbEnv.MARIADB_USER,
      mariadbEnv.MARIADB_PASSWORD,
      mariadbEnv.MARIADB_DATABASE,
    ]);
    expect(new URL(config.redis?.url ?? '').hostname).toBe('redis');
    expect(config.publicUrl).toBe(`https://${exampleEnv.SHOP_DOMAIN}`);
  });

  it('lets only Caddy reach the shop, and the shop believe X-Forwarded-* from Caddy alone', () => {
    const config = loadConfig(environmentOf(shop));
    expect(shop.ports).toBeUndefined();
    expect(config.host).toBe('0.0.0.0');
    expect(caddy.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    const shared = networksOf(shop).filter((network) => networksOf(caddy).includes(network));
    expect(shared).toEqual(['shop']);
    const caddyAddress = (caddy.networks as Record<string, { ipv4_address: string }>).shop.ipv4_address;
    expect(config.trustProxy).toBe(true);
    expect(config.trustedProxies).toEqual([caddyAddress]);
    const [subnet] = compose.networks.shop.ipam.config;
    expect(caddyAddress.split('.').slice(0, 3)).toEqual(subnet.subnet.split('.').slice(0, 3));
    expect(subnet.subnet).toMatch(/\/24$/);
    expect(caddyfile).toMatch(new RegExp(`reverse_proxy shop:${config.port} \\{`));
    expect(caddyfile).toContain('health_uri /health/ready');
  });

  it('keeps the shop, MariaDB and Redis each on a volume of its own, the shop at VAR_DIR', () => {
    const mounts = (service: Service) => (service.volumes ?? []).map((volume) => volume.split(':').slice(0, 2));
    expect(mounts(shop)).toEqual([['shop-var', dockerfileEnv('VAR_DIR')]]);
    expect(mounts(mariadb)).toEqual([['mariadb-data', '/var/lib/mysql']]);
    expect(mounts(redis)).toEqual([['redis-data', '/data']]);
    const named = Object.values(compose.services).flatMap((service) =>
      mounts(service)
        .map(([source]) => source)
        .filter((source) => !source.startsWith('.')),
    );
    expect(new Set(named)).toEqual(new Set(Object.keys(compose.volumes)));
  });

  it("starts the shop once MariaDB and Redis are healthy, and Caddy once the shop is, by each one's healthcheck", () => {
    expect(shop.depends_on).toEqual({ mariadb: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(caddy.depends_on).toEqual({ shop: { condition: 'service_healthy' } });
    for (const service of [shop, mariadb, redis]) expect(service.healthcheck?.test[0]).toBe('CMD');
    expect(shop.healthcheck?.test.slice(1)).toEqual(dockerfileHealthcheck());
  });

  it('gives the shop longer than its shutdown takes before Docker kills it', () => {
    expect(secondsOf(shop.stop_grace_period ?? '10s')).toBeGreaterThan(10);
  });

  it('holds a second shop, commented out, that shares the first one’s settings, pictures and proxy once uncommented', () => {
    const uncommented = composeText.replace(/^ {2}# shop-2:\n(?: {2}#.*\n)+/m, (block) => block.replace(/^ {2}# /gm, '  '));
    const scaled = parse(uncommented) as Compose;
    const second = scaled.services['shop-2'];
    expect(second).toBeDefined();
    expect(compose.services['shop-2']).toBeUndefined();
    expect(second.image).toBe(shop.image);
    expect(second.environment).toEqual(shop.environment);
    expect(second.volumes).toEqual(shop.volumes);
    expect(second.healthcheck).toEqual(shop.healthcheck);
    expect(second.depends_on).toMatchObject(shop.depends_on ?? {});
    expect(networksOf(second)).toEqual(networksOf(shop));
    expect(caddyfile).toMatch(/^\s*# to shop-2:3000$/m);
  });
});
