import { jest } from '@jest/globals';
import { aProduct } from '../../test/helpers/factories.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import type { Actor } from '../audit/actor.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { Transactions } from '../database/transactions.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { CatalogEditor } from './catalog-editor.service.js';
import { CatalogModule } from './catalog.module.js';
import { OptionValueInvalidError, ProductInvalidError } from './catalog.errors.js';
import type { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { ProductSlugRedirect } from './entities/product-slug-redirect.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { InventoryService } from './inventory.service.js';
import { ProductEditor } from './product-editor.service.js';
import type { ProductFieldError, ProductInput, VariantInput } from './product-input.js';
import { StockReason } from './stock-reason.js';

const OWNER: Actor = { userId: 1, email: 'owner@anarkali.test', ip: '203.0.113.9' };

/**
 * The product editor's rules proven where the database can disagree: ProductEditor's real queries and
 * transactions on the driver this run uses (SQLite, or MySQL/MariaDB when DATABASE_URL points at one).
 */
describe('ProductEditor on a real database', () => {
  let services: ServiceModule;
  let sut: ProductEditor;
  let category: Category;
  let sequence = 0;

  beforeAll(async () => {
    services = await serviceModule(CatalogModule);
    sut = services.get(ProductEditor);
    category = await services.get(CatalogEditor).createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  /** Two colours × three sizes, priced and stocked, as the grid sends them for a new product. */
  function aGrid(overrides: Partial<ProductInput> = {}, cell: (colour: string, size: string) => Partial<VariantInput> = () => ({})): ProductInput {
    sequence += 1;
    const slug = overrides.slug ?? `lawn-kurta-${sequence}`;
    return {
      name: `Lawn Kurta ${sequence}`,
      slug,
      description: 'Block-printed lawn.',
      categoryId: category.id,
      status: ProductStatus.Draft,
      seoTitle: null,
      seoDescription: null,
      variants: ['Indigo', 'Rust'].flatMap((colour) =>
        ['S', 'M', 'L'].map((size) => ({
          colour,
          size,
          sku: `${slug}-${colour}-${size}`.toUpperCase(),
          priceMinor: 249_900,
          compareAtPriceMinor: null,
          stock: 4,
          lowStockThreshold: 2,
          ...cell(colour, size),
        })),
      ),
      ...overrides,
    };
  }

  const variantsOf = (productId: number) => services.dataSource.getRepository(Variant).find({ where: { productId }, order: { position: 'ASC' } });
  const ledgerOf = async (variantId: number) =>
    (await services.dataSource.getRepository(StockMovement).find({ where: { variantId }, order: { id: 'ASC' } })).map((m) => [m.reason, m.delta]);
  const auditOf = (subjectType: string, subjectId: number) =>
    services.dataSource.getRepository(AuditEntry).find({ where: { subjectType, subjectId: String(subjectId) }, order: { id: 'ASC' } });
  const refusal = async (promise: Promise<unknown>): Promise<ProductFieldError[]> => {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof ProductInvalidError)) throw new Error(`expected ProductInvalidError, got ${String(error)}`);
    return error.errors;
  };
  const pictureFor = (productId: number) =>
    services.dataSource.getRepository(ProductImage).insert({ productId, url: '/uploads/products/x.svg', alt: 'A kurta', colour: 'Indigo', position: 0 });

  describe('creating a product from the grid', () => {
    it('makes every colour × size at once, stocks each through the ledger, and keeps the lowest price and the search words', async () => {
      const input = aGrid({}, (colour, size) => (colour === 'Rust' && size === 'S' ? { priceMinor: 199_900, compareAtPriceMinor: 249_900 } : {}));

      const product = await sut.saveProduct(input, OWNER);

      const variants = await variantsOf(product.id);
      expect(variants.map((v) => [v.colour, v.size, v.sku, v.priceMinor, v.stock])).toEqual(
        input.variants.map((v) => [v.colour, v.size, v.sku, v.priceMinor, 4]),
      );
      expect(await ledgerOf(variants[0].id)).toEqual([[StockReason.Initial, 4]]);
      expect(product).toMatchObject({ status: ProductStatus.Draft, priceMinor: 199_900, categoryId: category.id });
      expect(product.searchText).toContain('kurtas');
      expect(product.searchText).toContain('rust');
      expect((await auditOf('product', product.id)).map((entry) => entry.action)).toEqual(['product.created']);
      const created = await services.dataSource.getRepository(AuditEntry).countBy({ action: 'variant.created', actorEmail: OWNER.email });
      expect(created).toBeGreaterThanOrEqual(6);
    });

    it('adds sizes and colours the store did not have to the end of its order', async () => {
      const input = aGrid({}, (colour) => ({ colour: colour === 'Rust' ? 'Saffron' : colour }));
      await sut.saveProduct(input, OWNER);
      const colours = await services.dataSource.getRepository(OptionValue).find({ where: { option: ProductOption.Colour }, order: { position: 'ASC' } });
      expect(colours.map((c) => c.value).at(-1)).toBe('Saffron');
    });
  });

  describe('editing the grid', () => {
    it('changes prices and stock in one save: the lowest price follows, stock moves by what the owner changed, and each change is audited', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      const [indigoS, indigoM] = await variantsOf(product.id);
      // A shopper buys one Indigo S while the owner has the form open (showing 4).
      await services.get(Transactions).run((manager) => services.get(InventoryService).changeStock(manager, indigoS.id, -1, StockReason.Sale, 'AK-MEANWHILE'));
      const edit = aGrid({ id: product.id, slug: product.slug, name: product.name }, (colour, size) => ({
        sku: (product.slug + `-${colour}-${size}`).toUpperCase(),
        stockShown: 4,
        ...(colour === 'Indigo' && size === 'S' ? { stock: 10 } : {}),
        ...(colour === 'Indigo' && size === 'M' ? { priceMinor: 189_900 } : {}),
      }));

      const saved = await sut.saveProduct(edit, OWNER);

      expect(saved.priceMinor).toBe(189_900);
      expect(saved.updatedAt).not.toBeNull();
      const after = await variantsOf(product.id);
      // The owner added 6 to the 4 they saw; the sale made meanwhile stays counted: 3 + 6.
      expect(after[0].stock).toBe(9);
      expect(await ledgerOf(indigoS.id)).toEqual([
        [StockReason.Initial, 4],
        [StockReason.Sale, -1],
        [StockReason.Correction, 6],
      ]);
      expect(after[1].priceMinor).toBe(189_900);
      expect(await auditOf('variant', indigoM.id)).toMatchObject([
        { action: 'variant.created' },
        { action: 'variant.updated', before: JSON.stringify({ priceMinor: 249_900 }), after: JSON.stringify({ priceMinor: 189_900 }) },
      ]);
      expect(await auditOf('variant', indigoS.id)).toMatchObject([
        { action: 'variant.created' },
        { action: 'variant.updated', after: JSON.stringify({ stock: 9 }) },
      ]);
      // Nothing of the product's own fields changed: no product.updated row.
      expect((await auditOf('product', product.id)).map((entry) => entry.action)).toEqual(['product.created']);
    });

    it('records the product fields a save changed, as they were and became', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      await sut.saveProduct(
        { ...aGrid({ id: product.id, slug: product.slug }), name: 'Ravi Lawn Kurta', seoTitle: 'Lawn kurta', variants: await asInput(product.id) },
        OWNER,
      );
      const [, updated] = await auditOf('product', product.id);
      expect(updated).toMatchObject({ action: 'product.updated', actorUserId: OWNER.userId, ip: OWNER.ip });
      expect(JSON.parse(updated.before ?? '')).toEqual({ name: product.name, seoTitle: null });
      expect(JSON.parse(updated.after ?? '')).toEqual({ name: 'Ravi Lawn Kurta', seoTitle: 'Lawn kurta' });
    });

    it('gives the product a new address and keeps the old one as a redirect; another product’s address is refused', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      const other = await aProduct(services);
      const variants = await asInput(product.id);

      expect(await refusal(sut.saveProduct({ ...aGrid({ id: product.id }), slug: other.slug, variants }, OWNER))).toEqual([
        { field: 'slug', message: expect.stringContaining('belongs to another product') },
      ]);
      await sut.saveProduct({ ...aGrid({ id: product.id }), slug: `${product.slug}-renamed`, variants }, OWNER);
      expect(await services.dataSource.getRepository(ProductSlugRedirect).findOneBy({ slug: product.slug })).toMatchObject({ productId: product.id });
    });

    it('lets two variants swap SKUs in one save', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      const variants = await asInput(product.id);
      [variants[0].sku, variants[1].sku] = [variants[1].sku, variants[0].sku];
      await sut.saveProduct({ ...aGrid({ id: product.id, slug: product.slug }), variants }, OWNER);
      expect((await variantsOf(product.id)).slice(0, 2).map((v) => v.sku)).toEqual([variants[0].sku, variants[1].sku]);
    });

    it('removes an unsold variant, its units leaving through the ledger, but keeps one that has been ordered', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      const [indigoS, indigoM] = await variantsOf(product.id);
      await services.get(Transactions).run((manager) => services.get(InventoryService).changeStock(manager, indigoM.id, -1, StockReason.Sale, 'AK-SOLD0001'));
      const withoutS = (await asInput(product.id)).filter((v) => v.size !== 'S' || v.colour !== 'Indigo');

      await sut.saveProduct({ ...aGrid({ id: product.id, slug: product.slug }), variants: withoutS }, OWNER);
      expect((await variantsOf(product.id)).map((v) => v.id)).not.toContain(indigoS.id);
      expect(await ledgerOf(indigoS.id)).toEqual([
        [StockReason.Initial, 4],
        [StockReason.Correction, -4],
      ]);
      expect((await auditOf('variant', indigoS.id)).at(-1)).toMatchObject({ action: 'variant.removed', after: null });

      const withoutM = withoutS.filter((v) => v.size !== 'M' || v.colour !== 'Indigo');
      expect(await refusal(sut.saveProduct({ ...aGrid({ id: product.id, slug: product.slug }), variants: withoutM }, OWNER))).toEqual([
        { field: 'variants', message: expect.stringMatching(/^M \/ Indigo has been ordered, so it stays for its orders/) },
      ]);
      expect((await variantsOf(product.id)).map((v) => v.id)).toContain(indigoM.id);
    });
  });

  describe('refusing a grid with mistakes', () => {
    it('names every bad cell at once and writes nothing: a SKU twice, a SKU of another product, a negative price or stock, a compare-at below the price, text for a price', async () => {
      const other = await aProduct(services);
      const [otherSku] = (await variantsOf((await services.dataSource.getRepository(Product).findOneByOrFail({ slug: other.slug })).id)).map((v) => v.sku);
      const input = aGrid({}, () => ({}));
      input.variants[1].sku = input.variants[0].sku;
      input.variants[2].sku = otherSku;
      input.variants[3].priceMinor = -100;
      input.variants[4].stock = -1;
      input.variants[5].compareAtPriceMinor = 100_000;
      const products = await services.dataSource.getRepository(Product).count();

      const errors = await refusal(sut.saveProduct(input, OWNER));

      expect(errors).toEqual([
        { field: 'sku', variant: 1, message: `The SKU ${input.variants[0].sku} is also on S / Indigo.` },
        { field: 'priceMinor', variant: 3, message: 'A price cannot be negative.' },
        { field: 'stock', variant: 4, message: 'Stock cannot be negative.' },
        { field: 'compareAtPriceMinor', variant: 5, message: 'The compare-at price (the “was” price) cannot be below the price.' },
        { field: 'sku', variant: 2, message: `The SKU ${otherSku} belongs to ${other.name}.` },
      ]);
      expect(await services.dataSource.getRepository(Product).count()).toBe(products);
      expect(
        await refusal(
          sut.saveProduct(
            aGrid({}, (_, size) => (size === 'L' ? { priceMinor: Number.NaN } : {})),
            OWNER,
          ),
        ),
      ).toEqual([
        { field: 'priceMinor', variant: 2, message: 'Enter a price such as 2,499.00.' },
        { field: 'priceMinor', variant: 5, message: 'Enter a price such as 2,499.00.' },
      ]);
    });

    it('refuses to take stock below zero when it sold while the form was open', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      const [indigoS] = await variantsOf(product.id);
      await services.get(Transactions).run((manager) => services.get(InventoryService).changeStock(manager, indigoS.id, -3, StockReason.Sale, 'AK-THREE001'));
      const variants = (await asInput(product.id)).map((v, i) => (i === 0 ? { ...v, stockShown: 4, stock: 0 } : v));
      expect(await refusal(sut.saveProduct({ ...aGrid({ id: product.id, slug: product.slug }), variants }, OWNER))).toEqual([
        { field: 'stock', variant: 0, message: 'Only 1 on hand now: some sold since the page was opened. Please check the count.' },
      ]);
      expect(await ledgerOf(indigoS.id)).toHaveLength(2);
    });

    it('tells the one that lost of two saves taking the same SKU at the same moment which cell to change', async () => {
      const first = aGrid();
      const second = aGrid();
      second.variants[0].sku = first.variants[0].sku;
      const results = await Promise.allSettled([sut.saveProduct(first, OWNER), sut.saveProduct(second, OWNER)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(ProductInvalidError);
      expect((lost?.reason as ProductInvalidError).errors).toEqual([{ field: 'sku', variant: 0, message: expect.stringContaining('belongs to Lawn Kurta') }]);
    });
  });

  describe('publishing', () => {
    it('is refused without a picture, naming what is missing, and without a price on every variant', async () => {
      const product = await sut.saveProduct(aGrid(), OWNER);
      const variants = await asInput(product.id);
      const publish = (cells: VariantInput[]) =>
        sut.saveProduct({ ...aGrid({ id: product.id, slug: product.slug }), status: ProductStatus.Published, variants: cells }, OWNER);

      expect(await refusal(publish(variants))).toEqual([{ field: 'status', message: 'To be published, the product needs at least one picture.' }]);
      await pictureFor(product.id);
      const unpriced = variants.map((v, i) => (i < 2 ? { ...v, priceMinor: null } : v));
      expect(await refusal(publish(unpriced))).toEqual([
        { field: 'status', message: 'To be published, the product needs a price on every variant (S / Indigo, M / Indigo have none).' },
      ]);
      expect((await publish(variants)).status).toBe(ProductStatus.Published);
    });

    it('refuses a new product published at once: it has no picture yet', async () => {
      expect(await refusal(sut.saveProduct(aGrid({ status: ProductStatus.Published }), OWNER))).toEqual([
        { field: 'status', message: 'To be published, the product needs at least one picture.' },
      ]);
    });
  });

  describe('the catalog cache', () => {
    it('is dropped once a save commits, and not when a save is refused', async () => {
      const invalidate = jest.spyOn(services.get(CatalogCache), 'invalidate');
      await sut.saveProduct(aGrid(), OWNER);
      expect(invalidate).toHaveBeenCalledTimes(1);
      invalidate.mockClear();
      await refusal(sut.saveProduct(aGrid({ name: '' }), OWNER));
      expect(invalidate).not.toHaveBeenCalled();
    });

    it('saves in the caller’s transaction, and nothing stays when the caller rolls back', async () => {
      const input = aGrid();
      await expect(
        services.get(Transactions).run(async (manager) => {
          await sut.saveProductWithin(manager, input, OWNER);
          throw new Error('the import’s next row failed');
        }),
      ).rejects.toThrow('next row failed');
      expect(await services.dataSource.getRepository(Product).countBy({ slug: input.slug })).toBe(0);
    });
  });

  describe('adding a size or colour to the store', () => {
    it('adds it at the end with its swatch, once, whatever its capitals', async () => {
      expect(await sut.addOptionValue(ProductOption.Colour, '  Pista  Green ', '#93C572', OWNER)).toEqual({ value: 'Pista Green', added: true });
      expect(await sut.addOptionValue(ProductOption.Colour, 'pista green', null, OWNER)).toEqual({ value: 'Pista Green', added: false });
      const colours = await services.dataSource.getRepository(OptionValue).find({ where: { option: ProductOption.Colour }, order: { position: 'ASC' } });
      expect(colours.at(-1)).toMatchObject({ value: 'Pista Green', swatch: '#93c572' });
      expect(await services.dataSource.getRepository(AuditEntry).findBy({ action: 'option_value.added', subjectId: 'colour:Pista Green' })).toHaveLength(1);
      await expect(sut.addOptionValue(ProductOption.Size, ' ', null, OWNER)).rejects.toThrow(OptionValueInvalidError);
      await expect(sut.addOptionValue(ProductOption.Colour, 'Teal', 'teal', OWNER)).rejects.toThrow('A swatch is a colour such as #1d3557.');
    });
  });

  /** The product's variants as the grid would send them back unchanged. */
  async function asInput(productId: number): Promise<VariantInput[]> {
    return (await variantsOf(productId)).map((v) => ({
      colour: v.colour,
      size: v.size,
      sku: v.sku,
      priceMinor: v.priceMinor,
      compareAtPriceMinor: v.compareAtPriceMinor,
      stock: v.stock,
      stockShown: v.stock,
      lowStockThreshold: v.lowStockThreshold,
    }));
  }
});
