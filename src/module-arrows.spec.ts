import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module arrows run one way (README, "Architecture"): a feature module never reaches into one that
 * depends on it, and the small shared folders depend on no feature at all. This reads every import in
 * src/ and fails on a forbidden one, naming the file, so the arrows stay as drawn.
 */
const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Folders that are shop capabilities; the others (common, config, database, views, sessions, settings, mail, audit, jobs) serve them. */
const FEATURES = ['auth', 'cart', 'catalog', 'orders', 'admin', 'health', 'pages', 'reminders'];

/** For each folder of src/, the folders it must never import from. */
const FORBIDDEN: Record<string, string[]> = {
  catalog: ['orders', 'admin', 'cart', 'auth', 'pages', 'reminders'],
  cart: ['orders', 'admin', 'auth', 'pages', 'reminders'],
  auth: ['cart', 'catalog', 'orders', 'admin', 'pages', 'reminders'],
  orders: ['admin', 'pages', 'reminders'],
  // The reminders bring shoppers back to carts and products: clients of auth, cart, catalog and mail alone.
  reminders: ['orders', 'admin', 'pages'],
  common: [...FEATURES, 'sessions', 'settings', 'mail', 'database', 'views'],
  config: [...FEATURES, 'sessions', 'settings', 'mail', 'database', 'views', 'common'],
  sessions: FEATURES,
  settings: [...FEATURES, 'sessions', 'mail'],
  mail: [...FEATURES, 'sessions'],
  audit: [...FEATURES, 'sessions', 'settings', 'mail'],
  jobs: [...FEATURES, 'sessions', 'settings', 'mail', 'audit'],
  // npm run backup and restore work on files (the SQLite database, the pictures), never through the shop's modules.
  backup: [...FEATURES, 'sessions', 'settings', 'mail', 'audit', 'jobs', 'database'],
  // Helpers format what auth and catalog hand the templates (the user, a picture's thumbnails); nothing more.
  views: FEATURES.filter((feature) => feature !== 'auth' && feature !== 'catalog'),
};

/** database/ wires every entity into the one schema (entities.ts); nothing else of it may know a feature. */
const ENTITY_LIST = path.join('database', 'entities.ts');

interface Import {
  /** The importing file and the imported one, relative to src/. */
  from: string;
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Every relative import of src/'s code (static, type-only and dynamic), as paths relative to src/. */
function imports(): Import[] {
  const found: Import[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      found.push({ from: path.relative(SRC, file), target: path.relative(SRC, path.resolve(path.dirname(file), match[1])) });
    }
  }
  return found;
}

const topFolder = (relative: string) => relative.split(path.sep)[0];

describe('the module arrows', () => {
  const all = imports();

  it('read the imports of the whole of src/', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all.some((i) => i.from.startsWith(`orders${path.sep}`) && topFolder(i.target) === 'catalog')).toBe(true);
  });

  it('never point from a module to one it must not depend on', () => {
    const wrong = all.filter((i) => FORBIDDEN[topFolder(i.from)]?.includes(topFolder(i.target))).map((i) => `${i.from} imports ${i.target}`);
    expect(wrong).toEqual([]);
  });

  it('leave database/ knowing features only through its list of entities', () => {
    const wrong = all
      .filter((i) => topFolder(i.from) === 'database' && i.from !== ENTITY_LIST && FEATURES.includes(topFolder(i.target)))
      .map((i) => `${i.from} imports ${i.target}`);
    expect(wrong).toEqual([]);
  });

  it('keep landed migrations free of live code: they run the SQL and rules of their day', () => {
    const migrations = path.join('database', 'migrations');
    const wrong = all.filter((i) => i.from.startsWith(migrations) && !i.target.startsWith(migrations)).map((i) => `${i.from} imports ${i.target}`);
    expect(wrong).toEqual([]);
  });

  it('leave stock changes to the inventory service alone', () => {
    const inventory = path.join(SRC, 'catalog', 'inventory.service.ts');
    // A stock write is an update of the variant's stock column: a raw expression on it, or a set() of it.
    const writesStock = /stock\s*[+-]\s*:|stock\s*:\s*\(\)\s*=>|update\(\s*Variant\b[^;]*\bstock\b/s;
    const writers = sourceFiles(SRC)
      .filter((file) => file !== inventory && !file.includes(`${path.sep}migrations${path.sep}`))
      .filter((file) => writesStock.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(writers).toEqual([]);
  });
});
