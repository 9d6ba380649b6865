import { aProduct } from '../../test/helpers/factories.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { Transactions } from '../database/transactions.js';
import { CatalogEditor } from './catalog-editor.service.js';
import { CatalogModule } from './catalog.module.js';
import { ProductOption } from './entities/option-value.entity.js';
import { InventoryService } from './inventory.service.js';
import { StockReason } from './stock-reason.js';
import { StockReports } from './stock-reports.service.js';

/**
 * What runs low and which size runs are broken, read by StockReports' real grouped queries on the
 * driver this run uses (SQLite, or MySQL/MariaDB when DATABASE_URL points at one).
 */
describe('StockReports on a real database', () => {
  let services: ServiceModule;
  let sut: StockReports;
  /** Variant ids by "size/colour" of the product made in beforeAll. */
  let kurta: Map<string, number>;
  let kurtaName: string;

  /** Sets a variant's stock through the inventory, as a sale or a delivery would. */
  const setStock = async (variantId: number, stock: number) => {
    const inventory = services.get(InventoryService);
    const delta = stock - (await inventory.stockOf(variantId));
    if (delta !== 0) await services.get(Transactions).run((manager) => inventory.changeStock(manager, variantId, delta, StockReason.Correction, null));
  };

  beforeAll(async () => {
    services = await serviceModule(CatalogModule);
    sut = services.get(StockReports);
    // The store's order of sizes puts S before M before L, whatever order the variants were made in.
    await services.get(CatalogEditor).defineOptionValues(ProductOption.Size, [{ value: 'S' }, { value: 'M' }, { value: 'L' }]);
    const made = await aProduct(services, { name: 'Angrakha Kurta', stock: 8, sizes: ['L', 'M', 'S'], colours: ['Indigo', 'Rust'] });
    kurtaName = made.name;
    const sizes = ['L', 'M', 'S'];
    kurta = new Map(made.variantIds.map((id, i) => [`${sizes[i % 3]}/${i < 3 ? 'Indigo' : 'Rust'}`, id]));
    // Indigo: S sold out, M low, L plenty → broken. Rust: every size sold out → whole (nothing left to break).
    await setStock(kurta.get('S/Indigo')!, 0);
    await setStock(kurta.get('M/Indigo')!, 2);
    for (const size of sizes) await setStock(kurta.get(`${size}/Rust`)!, 0);
  });
  afterAll(() => services.close());

  it('flags a colour with some sizes sold out and others in stock, and not one that is sold out in every size', async () => {
    const { runs, total } = await sut.brokenSizeRuns();

    expect(total).toBe(1);
    expect(runs).toEqual([{ productId: expect.any(Number), productName: kurtaName, colour: 'Indigo', soldOutSizes: ['S'], inStockSizes: ['M', 'L'] }]);
  });

  it('never flags a product without sizes, even sold out beside one in stock', async () => {
    const editor = services.get(CatalogEditor);
    const category = await editor.createCategory({ slug: 'bags', name: 'Bags', position: 1 });
    const tote = await editor.createProduct({
      slug: 'one-size-tote',
      name: 'One-size Tote',
      description: 'A tote.',
      categoryId: category.id,
      variants: ['Indigo', 'Rust'].map((colour) => ({ sku: `TOTE-${colour}`, size: null, colour, priceMinor: 99_900, stock: colour === 'Indigo' ? 0 : 4 })),
      images: [],
    });
    expect((await sut.productStock(tote.id)).variants.map((row) => [row.label, row.stock])).toEqual([
      ['Indigo', 0],
      ['Rust', 4],
    ]);

    expect((await sut.brokenSizeRuns()).runs.map((run) => run.productName)).toEqual([kurtaName]);
  });

  it('lists every variant at or below its threshold, sold out first, each flagged when its size run is broken', async () => {
    const low = await sut.lowStock(1, 100);
    const ofKurta = low.items.filter((row) => row.productName === kurtaName);

    expect(ofKurta.map((row) => [row.label, row.stock, row.stateLabel, row.soldOut, row.brokenSizeRun])).toEqual([
      ['S / Indigo', 0, 'Sold out', true, true],
      ['S / Rust', 0, 'Sold out', true, false],
      ['M / Rust', 0, 'Sold out', true, false],
      ['L / Rust', 0, 'Sold out', true, false],
      ['M / Indigo', 2, 'Only 2 left', false, true],
    ]);
    expect(low.items.map((row) => row.stock)).toEqual([...low.items.map((row) => row.stock)].sort((a, b) => a - b));
  });

  it('pages the low-stock list and counts it whole', async () => {
    const all = await sut.lowStock(1, 100);

    const second = await sut.lowStock(2, 2);

    expect(second).toMatchObject({ page: 2, total: all.total, pages: Math.ceil(all.total / 2) });
    expect(second.items.map((row) => row.variantId)).toEqual(all.items.slice(2, 4).map((row) => row.variantId));
  });

  it('reads a product’s stock in the store’s order of colours and sizes', async () => {
    const product = await sut.productStock(await sut.productIdOf(kurta.get('S/Indigo')!));

    expect(product.variants.map((row) => `${row.label} ${row.stock}${row.brokenSizeRun ? ' broken' : ''}`)).toEqual([
      'S / Indigo 0 broken',
      'M / Indigo 2 broken',
      'L / Indigo 8 broken',
      'S / Rust 0',
      'M / Rust 0',
      'L / Rust 0',
    ]);
  });

  it('shows at most the first runs asked for, with the count of all of them', async () => {
    const another = await aProduct(services, { name: 'Zari Sherwani', stock: 3, sizes: ['S', 'M'] });
    await setStock(another.variantIds[1], 0);

    expect(await sut.brokenSizeRuns(1)).toMatchObject({ total: 2, runs: [{ productName: kurtaName }] });
  });

  it('shows the new counts in the low-stock list it keeps cached once a sale or a delivery changes them, though nothing sold out', async () => {
    const countsOfKurta = async () =>
      (await sut.lowStock(1, 100)).items
        .filter((row) => row.productName === kurtaName && row.label.endsWith('Indigo'))
        .map((row) => [row.label, row.stateLabel]);
    expect(await countsOfKurta()).toEqual([
      ['S / Indigo', 'Sold out'],
      ['M / Indigo', 'Only 2 left'],
    ]);

    await setStock(kurta.get('M/Indigo')!, 1);
    await setStock(kurta.get('L/Indigo')!, 3);

    expect(await countsOfKurta()).toEqual([
      ['S / Indigo', 'Sold out'],
      ['M / Indigo', 'Only 1 left'],
      ['L / Indigo', 'Only 3 left'],
    ]);
  });

  it('shows a size that sells out, or comes back, in the broken size runs it keeps cached, though the product stays in stock', async () => {
    const runOf = async (name: string) => (await sut.brokenSizeRuns()).runs.find((run) => run.productName === name);
    const sherwani = await aProduct(services, { name: 'Banarasi Sherwani', stock: 4, sizes: ['S', 'M', 'L'] });
    const [small] = [...sherwani.variantIds].sort((a, b) => a - b);
    expect(await runOf(sherwani.name)).toBeUndefined();

    await setStock(small, 0);
    expect(await runOf(sherwani.name)).toMatchObject({ soldOutSizes: ['S'], inStockSizes: ['M', 'L'] });

    await setStock(small, 2);
    expect(await runOf(sherwani.name)).toBeUndefined();
  });
});
