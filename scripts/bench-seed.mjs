// Fills the shop's own tables in the benchmark database with a catalog big enough to measure:
// 2,000 published products (PRODUCTS=…) in several categories, each with size × colour variants,
// one picture per colour and the "initial stock" ledger rows, written with multi-row INSERTs in
// one transaction; and 100,000 orders (ORDERS=…) with one to three lines each, spread over the last
// 60 days in every status, for the dashboard, written the same way (kept while the newest is under a
// day old). The schema comes from the app's own migrations (compiled, in dist/), so run
// `npm run build` first. Run again, it keeps a catalog that already has the right number of
// products; otherwise it replaces the catalog (only in a database whose name contains "bench").
//
//   BENCH_DATABASE_URL=mariadb://root@127.0.0.1:3306/anarkali_bench node scripts/bench-seed.mjs
//
// The last line of output is `BENCH_SEED {json}` with the product count and a product slug to load.
import 'reflect-metadata';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';

const root = path.resolve(import.meta.dirname, '..');
const fromDist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href);

export const DEFAULT_DATABASE_URL = 'mariadb://root@127.0.0.1:3306/anarkali_bench';

const LETTER = ['XS', 'S', 'M', 'L', 'XL'];
const WAIST = ['28', '30', '32', '34', '36'];
const KIDS = ['2-3Y', '4-5Y', '6-7Y', '8-9Y'];
const CATEGORIES = [
  { slug: 'women', name: 'Women', description: 'Kurtas, dresses and everyday pieces cut from breathable cotton and lawn.' },
  { slug: 'men', name: 'Men', description: 'Shirts, kurtas and trousers for warm days and long evenings.' },
  { slug: 'kids', name: 'Kids', description: 'Soft cotton for children who do not sit still.' },
  { slug: 'basics', name: 'Basics', description: 'Layers and staples that go with everything.' },
  { slug: 'accessories', name: 'Accessories', description: 'Dupattas, bags and the finishing touches.' },
];
// About a third of the kinds are kurtas, so a search for "kurta" finds several pages.
const KINDS = [
  { category: 'women', name: 'Lawn Kurta', sizes: LETTER, priceMinor: 349_900, fabric: 'light summer lawn' },
  { category: 'women', name: 'Block-Print Kurta', sizes: LETTER, priceMinor: 429_900, fabric: 'hand block-printed cotton' },
  { category: 'women', name: 'Maxi Dress', sizes: LETTER, priceMinor: 549_900, fabric: 'flowing viscose' },
  { category: 'men', name: 'Linen Shirt', sizes: LETTER, priceMinor: 399_900, fabric: 'washed linen' },
  { category: 'men', name: 'Cotton Kurta', sizes: LETTER, priceMinor: 379_900, fabric: 'soft combed cotton' },
  { category: 'men', name: 'Chino Trousers', sizes: WAIST, priceMinor: 449_900, fabric: 'stretch cotton twill' },
  { category: 'kids', name: 'Kids Kurta', sizes: KIDS, priceMinor: 199_900, fabric: 'soft cotton voile' },
  { category: 'kids', name: 'Cotton Tee', sizes: KIDS, priceMinor: 99_900, fabric: 'organic cotton jersey' },
  { category: 'basics', name: 'Denim Jacket', sizes: LETTER, priceMinor: 699_900, fabric: 'rigid indigo denim' },
  { category: 'accessories', name: 'Silk Dupatta', sizes: null, priceMinor: 249_900, fabric: 'pure silk' },
  { category: 'accessories', name: 'Canvas Tote', sizes: null, priceMinor: 149_900, fabric: 'heavy cotton canvas' },
];
const COLOURS = ['Indigo', 'Rust', 'Olive', 'Ivory', 'Charcoal', 'Rose', 'Mustard', 'Teal'];
// The catalog model: each kind sits in a child category of its top-level one ("women-lawn-kurtas" under
// "women", as in the demo seed), so category pages and facets walk a real tree.
const CHILD_CATEGORY_OF = {
  'Lawn Kurta': 'Lawn Kurtas',
  'Block-Print Kurta': 'Block-Print Kurtas',
  'Maxi Dress': 'Dresses',
  'Linen Shirt': 'Shirts',
  'Cotton Kurta': 'Kurtas',
  'Chino Trousers': 'Trousers',
  'Kids Kurta': 'Kurtas',
  'Cotton Tee': 'Tees',
  'Denim Jacket': 'Jackets',
  'Silk Dupatta': 'Dupattas',
  'Canvas Tote': 'Bags',
};
const childCategory = (kind) => ({
  slug: `${kind.category}-${slugify(CHILD_CATEGORY_OF[kind.name])}`,
  name: CHILD_CATEGORY_OF[kind.name],
  parent: kind.category,
});

// Pictures: one drawing per silhouette × colour (at most 8 × 8), drawn with its webp thumbnails once and
// shared by every product of that kind and colour, so pages link srcsets as a real shop's do without
// resizing thousands of pictures (and the shop's start-up thumbnail pass finds nothing left to do).
const SILHOUETTE_OF = {
  'Lawn Kurta': 'kurta',
  'Block-Print Kurta': 'kurta',
  'Maxi Dress': 'dress',
  'Linen Shirt': 'shirt',
  'Cotton Kurta': 'kurta',
  'Chino Trousers': 'trousers',
  'Kids Kurta': 'kurta',
  'Cotton Tee': 'tee',
  'Denim Jacket': 'jacket',
  'Silk Dupatta': 'scarf',
  'Canvas Tote': 'bag',
};
const pictureUrl = (kindName, colour) => `/uploads/products/bench-${SILHOUETTE_OF[kindName] ?? 'tee'}-${slugify(colour)}.svg`;

/** Draws each picture the catalog links, with its thumbnails, into <varDir>/uploads/products; keeps files already there. */
async function drawPictures(varDir, urls) {
  const { garmentPicture } = await fromDist('src/database/seed/garment-picture.js');
  const { COLOURS: HEX } = await fromDist('src/database/seed/demo-catalog.js');
  const { writeThumbnails } = await fromDist('src/catalog/images/thumbnail-files.js');
  const { THUMBNAIL_WIDTHS, thumbnailUrl } = await fromDist('src/catalog/images/thumbnail-urls.js');
  mkdirSync(path.join(varDir, 'uploads', 'products'), { recursive: true });
  let drawn = 0;
  for (const url of urls) {
    const file = path.join(varDir, url);
    if (existsSync(file) && THUMBNAIL_WIDTHS.every((w) => existsSync(thumbnailUrl(file, w)))) continue;
    const [, silhouette, colour] = /bench-([a-z]+)-([a-z]+)\.svg$/.exec(url);
    const name = Object.keys(HEX).find((c) => slugify(c) === colour);
    writeFileSync(file, garmentPicture(silhouette, HEX[name] ?? '#777777', name ?? colour));
    await writeThumbnails(file);
    drawn += 1;
  }
  return { widths: THUMBNAIL_WIDTHS.join(','), drawn };
}

const slugify = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const chunks = (rows, size) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** The catalog as plain rows; product i is e.g. "Indigo Lawn Kurta 17". */
function catalogRows(count) {
  const products = [];
  for (let i = 1; i <= count; i++) {
    const kind = KINDS[i % KINDS.length];
    const colour = COLOURS[i % COLOURS.length];
    const name = `${colour} ${kind.name} ${i}`;
    const slug = slugify(name);
    // Two or three colours per product, the named one first; one product in 50 is sold out entirely.
    const colours = [0, 3, 5].slice(0, 2 + (i % 2)).map((offset) => COLOURS[(i + offset) % COLOURS.length]);
    const sizes = kind.sizes ?? [null];
    const variants = colours.flatMap((c, ci) =>
      sizes.map((size, si) => ({
        sku: `B${i}-${(size ?? 'OS').replace(/\W/g, '')}-${c.slice(0, 3).toUpperCase()}`,
        size,
        colour: c,
        priceMinor: kind.priceMinor + (i % 5) * 10_000 + si * 5_000,
        // One product in seven is on sale: a "was" price a quarter above the price.
        compareAtPriceMinor: i % 7 === 0 ? Math.round(((kind.priceMinor + (i % 5) * 10_000 + si * 5_000) * 1.25) / 100) * 100 : null,
        stock: i % 50 === 0 || (i * 7 + ci * 5 + si * 3) % 11 === 0 ? 0 : ((i + ci + si) % 9) + 2,
        position: ci * sizes.length + si,
      })),
    );
    products.push({
      slug,
      name,
      category: childCategory(kind),
      // Sales spread unevenly and not in creation order, so "popular" is its own order.
      unitsSold: ((i * 7919) % 997) % (1 + (i % 13) * 20),
      description: `${name}: ${kind.fabric}, made in Lahore. Relaxed fit, true to size.`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      variants,
      images: colours.map((c, position) => ({
        url: pictureUrl(kind.name, c),
        alt: `${name} in ${c}`,
        colour: c,
        position,
      })),
    });
  }
  return products;
}

async function insertAll(manager, entity, rows, size = 1000) {
  for (const part of chunks(rows, size)) {
    await manager.createQueryBuilder().insert().into(entity).values(part).updateEntity(false).execute();
  }
}

async function count(manager, sql) {
  const [row] = await manager.query(sql);
  return Number(Object.values(row)[0]);
}

/** Runs the migrations and makes sure the catalog holds `products` published products. */
export async function seedShop({ databaseUrl = DEFAULT_DATABASE_URL, products = 2000, orders: ordersWanted = 100_000, log = console.log } = {}) {
  const { loadConfig } = await fromDist('src/config/config.js');
  const { dataSourceOptions } = await fromDist('src/database/data-source-options.js');
  const { prepareDatabase } = await fromDist('src/database/dialect.js');
  const { productSearchText } = await fromDist('src/catalog/search-text.js');
  const { COLOURS: HEX, SIZE_ORDER } = await fromDist('src/database/seed/demo-catalog.js');
  // Only what the data source needs, so unrelated variables in the caller's environment cannot trip validation.
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, VAR_DIR: path.join(root, 'var', 'bench', 'shop') });
  if (config.database.driver === 'sqlite')
    throw new Error('The benchmark needs MySQL or MariaDB (the baseline uses mysql2): set BENCH_DATABASE_URL to mariadb://… or mysql://…');
  const disposable = /bench/i.test(config.database.database);

  const dataSource = new DataSource({ ...dataSourceOptions(await prepareDatabase(config.database)), migrationsRun: false });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) log(`migrations: ran ${ran.length} on ${config.database.database}`);
    const entity = (name) => dataSource.entityMetadatas.find((m) => m.tableName === name).target;

    const total = await count(dataSource.manager, 'SELECT COUNT(*) FROM product');
    const published = await count(dataSource.manager, "SELECT COUNT(*) FROM product WHERE status = 'published'");
    const variants = await count(dataSource.manager, 'SELECT COUNT(*) FROM variant');
    const unthumbnailed = await count(dataSource.manager, "SELECT COUNT(*) FROM product_image WHERE thumbnailWidths = ''");
    const pictures = await drawPictures(config.varDir, [...new Set(KINDS.flatMap((kind) => COLOURS.map((c) => pictureUrl(kind.name, c))))]);
    if (pictures.drawn > 0) log(`pictures: drew ${pictures.drawn} with their thumbnails in ${path.relative(root, config.varDir)}/uploads/products`);
    // A catalog seeded before the catalog model (flat categories, no sale prices, no units sold) is seeded again.
    const modelled =
      (await count(dataSource.manager, "SELECT COUNT(*) FROM product WHERE searchText = '' OR priceMinor = 0")) === 0 &&
      (await count(dataSource.manager, 'SELECT COUNT(*) FROM category WHERE parentId IS NOT NULL')) > 0 &&
      (await count(dataSource.manager, 'SELECT COUNT(*) FROM variant WHERE compareAtPriceMinor IS NOT NULL')) > 0 &&
      (await count(dataSource.manager, 'SELECT COUNT(*) FROM product WHERE unitsSold > 0')) > 0 &&
      (await count(dataSource.manager, 'SELECT COUNT(*) FROM option_value')) > 0;
    let reused = total === products && published === products && variants > 0 && unthumbnailed === 0 && modelled;
    if (reused) {
      log(`shop catalog: reusing ${total} products already in ${config.database.database}`);
    } else {
      if (total > 0 && !disposable) {
        throw new Error(
          `${config.database.database} already has ${total} products; the benchmark replaces a catalog only in a database whose name contains "bench"`,
        );
      }
      const started = Date.now();
      const rows = catalogRows(products);
      await dataSource.transaction(async (manager) => {
        for (const table of [
          'stock_movement',
          'product_image',
          'variant',
          'product_slug_redirect',
          'product',
          'category',
          'option_value',
          'cart_line',
          'cart',
        ]) {
          await manager.query(`DELETE FROM \`${table}\``);
        }
        await insertAll(
          manager,
          entity('category'),
          CATEGORIES.map((c, position) => ({ ...c, parentId: null, position })),
        );
        const parentId = new Map((await manager.query('SELECT id, slug FROM category')).map((r) => [r.slug, Number(r.id)]));
        const children = [...new Map(KINDS.map((kind) => [childCategory(kind).slug, childCategory(kind)])).values()];
        await insertAll(
          manager,
          entity('category'),
          children.map((c, position) => ({ slug: c.slug, name: c.name, description: null, parentId: parentId.get(c.parent), position })),
        );
        const categoryId = new Map((await manager.query('SELECT id, slug FROM category')).map((r) => [r.slug, Number(r.id)]));
        const categoryName = new Map([...CATEGORIES, ...children].map((c) => [c.slug, c.name]));
        // The store's order of sizes and colours, with swatches, as the owner sets it.
        await insertAll(manager, entity('option_value'), [
          ...SIZE_ORDER.map((value, position) => ({ option: 'size', value, position, swatch: null })),
          ...COLOURS.map((value, position) => ({ option: 'colour', value, position, swatch: HEX[value] ?? null })),
        ]);
        await insertAll(
          manager,
          entity('product'),
          rows.map((p) => ({
            slug: p.slug,
            name: p.name,
            description: p.description,
            status: 'published',
            categoryId: categoryId.get(p.category.slug),
            createdAt: p.createdAt,
            updatedAt: null,
            priceMinor: Math.min(...p.variants.map((v) => v.priceMinor)),
            unitsSold: p.unitsSold,
            searchText: productSearchText({
              name: p.name,
              description: p.description,
              categoryNames: [p.category.name, categoryName.get(p.category.parent)],
              colours: p.variants.map((v) => v.colour),
            }),
          })),
          500,
        );
        const productId = new Map((await manager.query('SELECT id, slug FROM product')).map((r) => [r.slug, Number(r.id)]));
        await insertAll(
          manager,
          entity('variant'),
          rows.flatMap((p) => p.variants.map((v) => ({ ...v, productId: productId.get(p.slug) }))),
        );
        await insertAll(
          manager,
          entity('product_image'),
          rows.flatMap((p) => p.images.map((image) => ({ ...image, thumbnailWidths: pictures.widths, productId: productId.get(p.slug) }))),
        );
        const stocked = await manager.query('SELECT id, stock FROM variant WHERE stock > 0');
        await insertAll(
          manager,
          entity('stock_movement'),
          stocked.map((v) => ({ variantId: Number(v.id), delta: Number(v.stock), reason: 'initial stock', reference: null })),
        );
      });
      reused = false;
      log(`shop catalog: ${products} products seeded in ${config.database.database} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const orders = await seedOrders(dataSource, { wanted: ordersWanted, replaceCatalog: !reused, disposable, log });
    // Sessions left by earlier runs would make each run's session writes a little slower than the last.
    if (disposable) await dataSource.query('DELETE FROM `session`');

    const stats = {
      products: await count(dataSource.manager, "SELECT COUNT(*) FROM product WHERE status = 'published'"),
      categories: await count(dataSource.manager, 'SELECT COUNT(*) FROM category'),
      variants: await count(dataSource.manager, 'SELECT COUNT(*) FROM variant'),
      images: await count(dataSource.manager, 'SELECT COUNT(*) FROM product_image'),
    };
    // The heaviest product page: the most variants (3 colours × 5 sizes), then the lowest id.
    const [heaviest] = await dataSource.query(
      `SELECT p.slug AS slug FROM product p JOIN variant v ON v.productId = p.id WHERE p.status = 'published'
       GROUP BY p.id, p.slug ORDER BY COUNT(*) DESC, p.id ASC LIMIT 1`,
    );
    const [{ version }] = await dataSource.query('SELECT VERSION() AS version');
    const server = `${/mariadb/i.test(version) ? 'MariaDB' : 'MySQL'} ${version.split('-')[0]}`;
    return { ...stats, orders, server, reused, productSlug: heaviest?.slug ?? null, database: config.database.database };
  } finally {
    await dataSource.destroy();
  }
}

const DAY = 86_400_000;
const ORDER_DAYS = 60;
const ORDER_COLUMNS = ['id', 'number', 'userId', 'email', 'fullName', 'phone', 'address', 'city', 'postalCode', 'status', 'paymentMethod'];
const ORDER_MORE_COLUMNS = ['shippingMethod', 'currency', 'subtotalMinor', 'shippingMinor', 'totalMinor', 'placedAt'];
const LINE_COLUMNS = ['orderId', 'variantId', 'sku', 'productName', 'variantLabel', 'unitPriceMinor', 'quantity', 'lineTotalMinor'];
// Most orders are on their way or delivered; one in fourteen cancelled, one in thirty refunded.
const STATUS_WHEEL = [
  'delivered',
  'delivered',
  'delivered',
  'shipped',
  'shipped',
  'confirmed',
  'confirmed',
  'placed',
  'placed',
  'delivered',
  'shipped',
  'delivered',
  'delivered',
  'cancelled',
];
const CITIES = ['Lahore', 'Karachi', 'Islamabad', 'Faisalabad', 'Multan', 'Peshawar'];

/** Multi-row INSERTs of plain rows, `size` rows a statement. */
async function insertRows(manager, table, columns, rows, size = 1000) {
  const names = columns.map((c) => `\`${c}\``).join(', ');
  for (const part of chunks(rows, size)) {
    const values = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await manager.query(
      `INSERT INTO \`${table}\` (${names}) VALUES ${values}`,
      part.flatMap((row) => columns.map((c) => row[c])),
    );
  }
}

/**
 * Makes sure the shop holds `wanted` orders over the last 60 days, newest under a day old: otherwise
 * replaces them (orders, lines and history), in batches, with orders of one to three lines of the
 * catalog's variants, in every status and at every hour, more of them on recent days. They are a
 * history for the dashboard to read, so they leave stock as it is.
 */
async function seedOrders(dataSource, { wanted, replaceCatalog, disposable, log }) {
  const existing = await count(dataSource.manager, 'SELECT COUNT(*) FROM shop_order');
  const [{ newest }] = await dataSource.query('SELECT MAX(placedAt) AS newest FROM shop_order');
  const fresh = newest && Date.now() - new Date(newest).getTime() < DAY;
  if (!replaceCatalog && existing === wanted && fresh) {
    log(`shop orders: reusing ${existing} orders`);
    return existing;
  }
  if (existing > 0 && !disposable) throw new Error('the benchmark replaces orders only in a database whose name contains "bench"');
  const started = Date.now();
  const variants = (
    await dataSource.query(
      'SELECT v.id AS id, v.sku AS sku, v.size AS size, v.colour AS colour, v.priceMinor AS priceMinor, p.name AS productName FROM variant v JOIN product p ON p.id = v.productId ORDER BY v.id',
    )
  ).map((v) => ({ ...v, id: Number(v.id), priceMinor: Number(v.priceMinor), label: [v.size, v.colour].filter(Boolean).join(' / ') || 'One size' }));
  await dataSource.transaction(async (manager) => {
    for (const table of ['order_status_change', 'order_line', 'shop_order']) await manager.query(`DELETE FROM \`${table}\``);
    const now = Date.now();
    for (let first = 1; first <= wanted; first += 2000) {
      const orders = [];
      const lines = [];
      for (let id = first; id < Math.min(first + 2000, wanted + 1); id++) {
        // Squaring skews toward recent days: a shop that grows.
        const age = Math.floor(ORDER_DAYS * DAY * (((id * 7919) % 1000) / 1000) ** 1.5) + (id % 3600) * 1000;
        let subtotalMinor = 0;
        for (let l = 0; l < 1 + (id % 3); l++) {
          const variant = variants[(id * 31 + l * 977) % variants.length];
          const quantity = 1 + ((id + l) % 2);
          subtotalMinor += variant.priceMinor * quantity;
          lines.push({
            orderId: id,
            variantId: variant.id,
            sku: variant.sku,
            productName: variant.productName,
            variantLabel: variant.label,
            unitPriceMinor: variant.priceMinor,
            quantity,
            lineTotalMinor: variant.priceMinor * quantity,
          });
        }
        const shippingMinor = subtotalMinor >= 500_000 ? 0 : 25_000;
        orders.push({
          id,
          number: `AK-B${String(id).padStart(7, '0')}`,
          userId: null,
          email: `buyer${id % 5000}@example.test`,
          fullName: `Bench Buyer ${id % 5000}`,
          phone: '0300 1234567',
          address: `${id % 300} Mall Road`,
          city: CITIES[id % CITIES.length],
          postalCode: '54000',
          status: id % 30 === 0 ? 'refunded' : STATUS_WHEEL[id % STATUS_WHEEL.length],
          paymentMethod: 'cod',
          shippingMethod: shippingMinor ? 'Standard delivery' : 'Free delivery',
          currency: 'PKR',
          subtotalMinor,
          shippingMinor,
          totalMinor: subtotalMinor + shippingMinor,
          placedAt: new Date(now - age),
        });
      }
      await insertRows(manager, 'shop_order', [...ORDER_COLUMNS, ...ORDER_MORE_COLUMNS], orders);
      await insertRows(manager, 'order_line', LINE_COLUMNS, lines);
    }
  });
  log(`shop orders: ${wanted} orders seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return wanted;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const result = await seedShop({
      databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL,
      products: Number(process.env.PRODUCTS ?? 2000),
      orders: Number(process.env.ORDERS ?? 100_000),
    });
    console.log(`shop catalog: ${result.products} products, ${result.categories} categories, ${result.variants} variants, ${result.images} images`);
    console.log(`shop orders: ${result.orders} over the last 60 days`);
    console.log(`BENCH_SEED ${JSON.stringify(result)}`);
  } catch (error) {
    console.error(`bench-seed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
