import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import { aProduct } from '../../test/helpers/factories.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { Transactions } from '../database/transactions.js';
import { CachedCatalog, CachedListings } from './cache/cached-catalog.js';
import { CatalogCache, PRODUCT_AVAILABILITY_TAG, productTag, STOCK_LEVELS_TAG, VARIANT_AVAILABILITY_TAG } from './cache/catalog-cache.js';
import { CatalogEditor } from './catalog-editor.service.js';
import { CatalogModule } from './catalog.module.js';
import { SoldOutError } from './catalog.errors.js';
import { Category } from './entities/category.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { InventoryService } from './inventory.service.js';
import { ProductListingService } from './product-listing.service.js';
import { ProductPagesService } from './product-pages.service.js';
import type { SoldLine } from './sales-record.service.js';
import { StockReason } from './stock-reason.js';

/**
 * The stock rules proven where the database can disagree: InventoryService's real queries on the
 * driver this run uses (SQLite, or MySQL/MariaDB when DATABASE_URL points at one), without HTTP.
 */
describe('InventoryService on a real database', () => {
  let services: ServiceModule;
  let sut: InventoryService;
  let transactions: Transactions;

  beforeAll(async () => {
    services = await serviceModule(CatalogModule);
    sut = services.get(InventoryService);
    transactions = services.get(Transactions);
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  const takeForOrder = (lines: SoldLine[], orderNumber: string) => transactions.run((manager) => sut.takeForOrder(manager, lines, orderNumber));
  const changeStock = (variantId: number, delta: number, reason: string, reference: string | null) =>
    transactions.run((manager) => sut.changeStock(manager, variantId, delta, reason, reference));
  const ledgerOf = async (variantId: number) =>
    (await services.dataSource.getRepository(StockMovement).find({ where: { variantId }, order: { id: 'ASC' } })).map(({ delta, reason, reference }) => ({
      delta,
      reason,
      reference,
    }));
  const stockOf = (variantIds: number[]) => Promise.all(variantIds.map((id) => sut.stockOf(id)));
  /** A product with two variants (sizes S and M), their ids in ascending order. */
  const twoVariants = async (stock: number) => (await aProduct(services, { stock, sizes: ['S', 'M'] })).variantIds.sort((a, b) => a - b);

  describe('taking an order off the shelf', () => {
    it('takes exactly the units of each line and writes one ledger row per line, saying sale and the order number', async () => {
      const [small, medium] = await twoVariants(10);

      await takeForOrder(
        [
          { variantId: medium, quantity: 3 },
          { variantId: small, quantity: 2 },
        ],
        'AK-LEDGER01',
      );

      expect(await stockOf([small, medium])).toEqual([8, 7]);
      expect(await ledgerOf(small)).toEqual([
        { delta: 10, reason: StockReason.Initial, reference: null },
        { delta: -2, reason: StockReason.Sale, reference: 'AK-LEDGER01' },
      ]);
      expect(await ledgerOf(medium)).toEqual([
        { delta: 10, reason: StockReason.Initial, reference: null },
        { delta: -3, reason: StockReason.Sale, reference: 'AK-LEDGER01' },
      ]);
    });

    it('sells the shelf down to zero and never below: a line asking for more is refused with the units left', async () => {
      const [variantId] = (await aProduct(services, { stock: 5, name: 'Basant Silk Dupatta' })).variantIds;

      const tooMany = takeForOrder([{ variantId, quantity: 6 }], 'AK-TOOMANY1');
      await expect(tooMany).rejects.toThrow(SoldOutError);
      await expect(tooMany).rejects.toMatchObject({
        variantId,
        available: 5,
        message: 'Only 5 of Basant Silk Dupatta (M / Indigo) left — please lower the quantity.',
      });
      await takeForOrder([{ variantId, quantity: 5 }], 'AK-ALLFIVE1');
      await expect(takeForOrder([{ variantId, quantity: 1 }], 'AK-ONEMORE1')).rejects.toMatchObject({
        available: 0,
        message: 'Sorry, Basant Silk Dupatta (M / Indigo) just sold out.',
      });

      expect(await sut.stockOf(variantId)).toBe(0);
      expect((await ledgerOf(variantId)).map((row) => row.reference)).toEqual([null, 'AK-ALLFIVE1']);
    });

    it("takes none of an order's lines when its transaction rolls back, not even those taken before the line that sold out", async () => {
      const [small, medium] = await twoVariants(5);
      // Lines are taken in variant order: the small one, which has enough, goes first.
      const order = takeForOrder(
        [
          { variantId: medium, quantity: 6 },
          { variantId: small, quantity: 2 },
        ],
        'AK-ROLLBAK1',
      );

      await expect(order).rejects.toMatchObject({ variantId: medium, available: 5 });
      expect(await stockOf([small, medium])).toEqual([5, 5]);
      expect(await ledgerOf(small)).toEqual([{ delta: 5, reason: StockReason.Initial, reference: null }]);
      expect(await ledgerOf(medium)).toEqual([{ delta: 5, reason: StockReason.Initial, reference: null }]);
    });

    it('sells the last 5 units to exactly 5 of 30 simultaneous orders, and the ledger agrees with the shelf', async () => {
      const [variantId] = (await aProduct(services, { stock: 5 })).variantIds;

      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => takeForOrder([{ variantId, quantity: 1 }], `AK-RUSH${String(i).padStart(4, '0')}`)),
      );

      const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
      expect(refusals).toHaveLength(25);
      for (const refusal of refusals) {
        expect(refusal).toBeInstanceOf(SoldOutError);
        expect(refusal).toMatchObject({ variantId, available: 0 });
      }
      expect(await sut.stockOf(variantId)).toBe(0);
      const sales = (await ledgerOf(variantId)).filter((row) => row.reason === StockReason.Sale);
      expect(sales).toHaveLength(5);
      expect(sales.reduce((sum, row) => sum + row.delta, 0)).toBe(-5);
    });

    it('lets orders naming the same two variants in opposite orders run at once, each taking both lines or neither, with no deadlock', async () => {
      const [small, medium] = await twoVariants(15);
      const attempts = new Map<string, number>();
      const order = (orderNumber: string, lines: SoldLine[]) =>
        transactions.run(async (manager) => {
          // Transactions.run retries a deadlock: counting attempts shows whether one happened at all.
          attempts.set(orderNumber, (attempts.get(orderNumber) ?? 0) + 1);
          await sut.takeForOrder(manager, lines, orderNumber);
        });
      const smallFirst = [
        { variantId: small, quantity: 1 },
        { variantId: medium, quantity: 1 },
      ];
      const mediumFirst = [...smallFirst].reverse();

      // 20 orders for 15 pairs: the last five find the shelf empty.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => order(`AK-CROSS${String(i).padStart(3, '0')}`, i % 2 ? mediumFirst : smallFirst)),
      );

      const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(refusals).toHaveLength(5);
      for (const refusal of refusals) expect(refusal).toBeInstanceOf(SoldOutError);
      expect([...attempts.values()]).toEqual(Array.from({ length: 20 }, () => 1));
      expect(await stockOf([small, medium])).toEqual([0, 0]);
      const soldBy = async (variantId: number) =>
        (await ledgerOf(variantId))
          .filter((row) => row.reason === StockReason.Sale)
          .map((row) => row.reference)
          .sort();
      expect(await soldBy(small)).toEqual(await soldBy(medium));
    });
  });

  describe('putting units on the shelf', () => {
    it("returns a cancelled order's units with a ledger row naming the order", async () => {
      const [small, medium] = await twoVariants(6);
      const lines = [
        { variantId: small, quantity: 1 },
        { variantId: medium, quantity: 4 },
      ];
      await takeForOrder(lines, 'AK-RETURN01');

      await transactions.run((manager) => sut.returnFromOrder(manager, lines, 'AK-RETURN01'));

      expect(await stockOf([small, medium])).toEqual([6, 6]);
      expect((await ledgerOf(medium)).slice(1)).toEqual([
        { delta: -4, reason: StockReason.Sale, reference: 'AK-RETURN01' },
        { delta: 4, reason: StockReason.OrderCancelled, reference: 'AK-RETURN01' },
      ]);
    });

    it('receives stock with a positive change and a ledger row saying why', async () => {
      const [variantId] = (await aProduct(services, { stock: 2 })).variantIds;

      await changeStock(variantId, 12, 'stock received', 'delivery note 14');

      expect(await sut.stockOf(variantId)).toBe(14);
      expect((await ledgerOf(variantId)).at(-1)).toEqual({ delta: 12, reason: 'stock received', reference: 'delivery note 14' });
    });
  });

  describe('the cached catalog pages', () => {
    // Pages tell stock only as "In stock", "Only N left" (at or below the threshold, 3 by default) or
    // "Sold out"; listings tell only whether a variant is sold out (cards, the in-stock filter).
    const productDrop = (slug: string) => [productTag(slug), PRODUCT_AVAILABILITY_TAG, VARIANT_AVAILABILITY_TAG, STOCK_LEVELS_TAG];
    it.each([
      { from: 10, delta: -1, drops: 'nothing', what: 'keeps them for a sale from plenty (In stock → In stock)' },
      { from: 10, delta: 5, drops: 'nothing', what: 'keeps them for stock received on top of plenty (In stock → In stock)' },
      { from: 4, delta: -1, drops: 'the product', what: "drops the product's page alone when stock falls to the threshold (In stock → Only 3 left)" },
      { from: 3, delta: -1, drops: 'the product', what: "drops the product's page alone when the count shown changes (Only 3 left → Only 2 left)" },
      { from: 2, delta: 5, drops: 'the product', what: "drops the product's page alone when a low variant is restocked (Only 2 left → In stock)" },
      {
        from: 1,
        delta: -1,
        drops: 'its cards',
        what: 'drops its page and every answer that tells which products are in stock when the last unit goes (Only 1 left → Sold out)',
      },
      {
        from: 0,
        delta: 5,
        drops: 'its cards',
        what: 'drops its page and every answer that tells which products are in stock when stock arrives for a sold-out variant (Sold out → In stock)',
      },
      {
        from: 0,
        delta: 5,
        reason: StockReason.Initial,
        drops: 'the catalog',
        what: "starts a new generation for a new variant's first stock, as its product's editor does",
      },
    ])('$what', async ({ from, delta, reason, drops }) => {
      const product = await aProduct(services, { stock: from });
      const invalidate = jest.spyOn(services.get(CatalogCache), 'invalidate');
      const drop = jest.spyOn(services.get(CatalogCache), 'drop');

      await changeStock(product.variantIds[0], delta, reason ?? (delta < 0 ? StockReason.Sale : 'stock received'), null);

      expect(await sut.stockOf(product.variantIds[0])).toBe(from + delta);
      expect({ catalog: invalidate.mock.calls.length, tags: drop.mock.calls }).toEqual({
        catalog: drops === 'the catalog' ? 1 : 0,
        tags: { 'the product': [[[productTag(product.slug), STOCK_LEVELS_TAG]]], 'its cards': [[productDrop(product.slug)]] }[drops] ?? [],
      });
    });

    describe('when one size of a product sells out or comes back', () => {
      /** A product in sizes S and M with these units (threshold 3), its variant ids in that order. */
      const sizesWithStock = async (small: number, medium: number) => {
        const product = await aProduct(services, { stock: small, sizes: ['S', 'M'] });
        const ids = [...product.variantIds].sort((a, b) => a - b);
        if (medium !== small) await changeStock(ids[1], medium - small, StockReason.Correction, null);
        return { ...product, small: ids[0], medium: ids[1] };
      };
      const variantDrop = (slug: string) => [productTag(slug), VARIANT_AVAILABILITY_TAG, STOCK_LEVELS_TAG];

      it.each([
        { small: 1, medium: 5, delta: -1, drops: 'the variant', what: 'drops its page and the stock-filtered answers when another size is still in stock' },
        // A size back in stock drops the product's cards whatever else is in stock: whether its product was
        // for sale before is known only in the transaction.
        { small: 0, medium: 5, delta: 4, drops: 'its cards', what: 'drops its page and its cards when it comes back, even beside another size in stock' },
        {
          small: 1,
          medium: 0,
          delta: -1,
          drops: 'its cards',
          what: "drops its page and every answer that tells which products are in stock when it was the product's last size in stock",
        },
        {
          small: 0,
          medium: 0,
          delta: 4,
          drops: 'its cards',
          what: 'drops its page and its cards when it is the first size of a sold-out product to come back',
        },
      ])('$what', async ({ small, medium, delta, drops }) => {
        const product = await sizesWithStock(small, medium);
        const invalidate = jest.spyOn(services.get(CatalogCache), 'invalidate');
        const drop = jest.spyOn(services.get(CatalogCache), 'drop');

        await changeStock(product.small, delta, delta < 0 ? StockReason.Sale : 'stock received', null);

        expect(await stockOf([product.small, product.medium])).toEqual([small + delta, medium]);
        expect({ catalog: invalidate.mock.calls.length, tags: drop.mock.calls }).toEqual({
          catalog: drops === 'the catalog' ? 1 : 0,
          tags: { 'the variant': [[variantDrop(product.slug)]], 'its cards': [[productDrop(product.slug)]] }[drops] ?? [],
        });
      });

      it('keeps listings without a stock, size, colour or price filter cached, and shows the change in those with one at once', async () => {
        const product = await sizesWithStock(1, 5);
        const listings = services.get(CachedListings);
        const loads = jest.spyOn(services.get(ProductListingService), 'listCategory');
        const plain = () => listings.listCategory(product.categorySlug, { page: 1 });
        const smallInStock = () => listings.listCategory(product.categorySlug, { page: 1, sizes: ['S'], inStock: true });
        expect((await plain()).items.map((card) => card.soldOut)).toEqual([false]);
        expect((await smallInStock()).items.map((card) => card.slug)).toEqual([product.slug]);
        expect(loads).toHaveBeenCalledTimes(2);

        await changeStock(product.small, -1, StockReason.Sale, 'AK-SMALLOUT');

        expect((await plain()).items.map((card) => card.soldOut)).toEqual([false]);
        expect(loads).toHaveBeenCalledTimes(2);
        const filtered = await smallInStock();
        expect({ items: filtered.items, total: filtered.total }).toEqual({ items: [], total: 0 });
        expect(loads).toHaveBeenCalledTimes(3);
      });

      it('drops both when one transaction sells out one size and changes the label of another, and everything once the last goes too', async () => {
        const product = await sizesWithStock(1, 3);
        const invalidate = jest.spyOn(services.get(CatalogCache), 'invalidate');
        const drop = jest.spyOn(services.get(CatalogCache), 'drop');

        await transactions.run(async (manager) => {
          await sut.changeStock(manager, product.small, -1, StockReason.Sale, 'AK-BOTHKINDS');
          await sut.changeStock(manager, product.medium, -1, StockReason.Sale, 'AK-BOTHKINDS'); // Only 3 left → Only 2 left
        });
        expect({ catalog: invalidate.mock.calls.length, tags: drop.mock.calls }).toEqual({
          catalog: 0,
          tags: [[variantDrop(product.slug)], [[productTag(product.slug), STOCK_LEVELS_TAG]]],
        });

        drop.mockClear();
        await transactions.run(async (manager) => {
          await sut.changeStock(manager, product.small, 3, 'stock received', 'delivery note 15');
          await sut.changeStock(manager, product.medium, -2, StockReason.Sale, 'AK-LASTTWO');
          await sut.changeStock(manager, product.small, -3, StockReason.Sale, 'AK-LASTTWO');
        });
        expect(await stockOf([product.small, product.medium])).toEqual([0, 0]);
        // The size back in stock and the last size gone each drop the product's cards; nothing starts a new generation.
        expect(invalidate).not.toHaveBeenCalled();
        expect(drop.mock.calls).toContainEqual([productDrop(product.slug)]);
      });

      it("shows the product sold out when two orders take the last units of its last two sizes at once, each before the other's commits", async () => {
        const product = await sizesWithStock(1, 1);
        const drop = jest.spyOn(services.get(CatalogCache), 'drop');
        let smallTaken!: () => void;
        const small = new Promise<void>((resolve) => (smallTaken = resolve));

        await Promise.all([
          transactions.run(async (manager) => {
            await sut.changeStock(manager, product.small, -1, StockReason.Sale, 'AK-RACE0001');
            smallTaken();
            // Still open while the other order takes the medium: it must not decide from a snapshot where the small is in stock.
            await sleep(300);
          }),
          small.then(() => transactions.run((manager) => sut.changeStock(manager, product.medium, -1, StockReason.Sale, 'AK-RACE0002'))),
        ]);

        expect(await stockOf([product.small, product.medium])).toEqual([0, 0]);
        // Whichever commits second sees both sizes gone (on SQLite, where the first's check waits for the
        // second's transaction, both do): the product's cards show it sold out.
        expect(drop.mock.calls).toContainEqual([productDrop(product.slug)]);
      });
    });

    it("shows a product sold out at once in its listings, new arrivals and other products' related cards when its last size goes, and keeps their own facts cached", async () => {
      const kurta = await aProduct(services, { stock: 1 });
      const { id: categoryId } = await services.dataSource.getRepository(Category).findOneByOrFail({ slug: kurta.categorySlug });
      const shawl = await services.get(CatalogEditor).createProduct({
        slug: `shawl-${kurta.slug}`,
        name: 'Shawl',
        description: 'A shawl in the same category.',
        categoryId,
        variants: [{ sku: `SHAWL-${kurta.slug}`.toUpperCase(), size: 'M', colour: 'Indigo', priceMinor: 120_000, stock: 5 }],
        images: [],
      });
      const [listings, catalog] = [services.get(CachedListings), services.get(CachedCatalog)];
      const kurtaSoldOut = async () => ({
        category: (await listings.listCategory(kurta.categorySlug, { page: 1 })).items.find((card) => card.slug === kurta.slug)?.soldOut,
        newArrivals: (await listings.newArrivals(20)).find((card) => card.slug === kurta.slug)?.soldOut,
        onTheShawlsPage: (await catalog.productPage(shawl.slug)).related.find((card) => card.slug === kurta.slug)?.soldOut,
        ownPage: (await catalog.productPage(kurta.slug)).soldOut,
      });
      expect(await kurtaSoldOut()).toEqual({ category: false, newArrivals: false, onTheShawlsPage: false, ownPage: false });
      const facts = jest.spyOn(services.get(ProductPagesService), 'productFacts');
      const invalidate = jest.spyOn(services.get(CatalogCache), 'invalidate');

      await changeStock(kurta.variantIds[0], -1, StockReason.Sale, 'AK-LASTKURTA');

      expect(await kurtaSoldOut()).toEqual({ category: true, newArrivals: true, onTheShawlsPage: true, ownPage: true });
      expect(invalidate).not.toHaveBeenCalled();
      expect(facts.mock.calls).toEqual([[kurta.slug]]);
    });

    it("drops a product's page once for a transaction that changes the labels of several of its variants", async () => {
      const product = await aProduct(services, { stock: 4, sizes: ['S', 'M'] });
      const drop = jest.spyOn(services.get(CatalogCache), 'drop');

      await transactions.run(async (manager) => {
        for (const variantId of product.variantIds) await sut.changeStock(manager, variantId, -2, StockReason.Sale, 'AK-TWOSIZES');
      });

      expect(drop.mock.calls).toEqual([[[productTag(product.slug), STOCK_LEVELS_TAG]]]);
    });

    it('keeps them when the change is rolled back, even one that would have sold the variant out', async () => {
      const [variantId] = (await aProduct(services, { stock: 1 })).variantIds;
      const invalidate = jest.spyOn(services.get(CatalogCache), 'invalidate');
      const drop = jest.spyOn(services.get(CatalogCache), 'drop');

      const change = transactions.run(async (manager) => {
        await sut.changeStock(manager, variantId, -1, StockReason.Sale, 'AK-UNDONE01');
        throw new Error('the order failed after its stock was taken');
      });

      await expect(change).rejects.toThrow('the order failed');
      expect(await sut.stockOf(variantId)).toBe(1);
      expect(invalidate).not.toHaveBeenCalled();
      expect(drop).not.toHaveBeenCalled();
    });
  });

  it('counts units sold from the ledger: what sales took off the shelf, not stock received', async () => {
    const [small, medium] = await twoVariants(8);
    await takeForOrder([{ variantId: small, quantity: 2 }], 'AK-SOLD0001');
    await takeForOrder(
      [
        { variantId: small, quantity: 3 },
        { variantId: medium, quantity: 1 },
      ],
      'AK-SOLD0002',
    );
    await changeStock(small, 20, 'stock received', null);

    expect(await sut.unitsSold(small)).toBe(5);
    expect(await sut.unitsSold(medium)).toBe(1);
    expect(await sut.unitsSold((await aProduct(services)).variantIds[0])).toBe(0);
  });
});
