import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { aProduct } from '../../../test/helpers/factories.js';
import { aPdf, aPng } from '../../../test/helpers/pictures.js';
import { serviceModule, type ServiceModule } from '../../../test/helpers/service-module.js';
import type { Actor } from '../../audit/actor.js';
import { AuditTrail } from '../../audit/audit-trail.service.js';
import type { UploadedFile } from '../../common/multipart-form.js';
import { CatalogModule } from '../catalog.module.js';
import { ProductImage } from '../entities/product-image.entity.js';
import { Product } from '../entities/product.entity.js';
import { PicturesRefusedError } from './picture-checks.js';
import { ProductPictures } from './product-pictures.service.js';

const OWNER: Actor = { userId: 1, email: 'owner@anarkali.test', ip: '127.0.0.1' };

/** ProductPictures' rules on a real database and a real uploads folder, without HTTP. */
describe('ProductPictures on a real database', () => {
  let services: ServiceModule;
  let sut: ProductPictures;

  beforeAll(async () => {
    services = await serviceModule(CatalogModule);
    sut = services.get(ProductPictures);
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  const folder = () => path.join(services.config.varDir, 'uploads', 'products');
  const files = () => (existsSync(folder()) ? readdirSync(folder()).sort() : []);
  const file = async (originalname: string, buffer?: Buffer): Promise<UploadedFile> => {
    const content = buffer ?? (await aPng());
    return { originalname, buffer: content, size: content.length };
  };
  const aProductId = async () => {
    const product = await aProduct(services, { colours: ['Indigo'] });
    return (await services.dataSource.getRepository(Product).findOneByOrFail({ slug: product.slug })).id;
  };

  it('keeps none of a batch with one bad file, and names only the bad ones', async () => {
    const productId = await aProductId();
    const before = files();
    const refused = sut.addPictures(productId, [await file('one.png'), await file('two.pdf.jpg', aPdf()), await file('three.png')], { alt: 'Front' }, OWNER);
    await expect(refused).rejects.toBeInstanceOf(PicturesRefusedError);
    await expect(refused).rejects.toMatchObject({ problems: [expect.stringContaining('“two.pdf.jpg” is not a picture')] });
    expect(files()).toEqual(before);
    expect(await services.dataSource.getRepository(ProductImage).countBy({ productId })).toBe(1);
  });

  it('removes the files it wrote when the transaction that records them fails', async () => {
    const productId = await aProductId();
    const before = files();
    jest.spyOn(services.get(AuditTrail), 'record').mockRejectedValueOnce(new Error('audit table unavailable'));

    await expect(sut.addPictures(productId, [await file('a.png'), await file('b.png')], { alt: 'Front' }, OWNER)).rejects.toThrow('audit table unavailable');

    expect(files()).toEqual(before);
    expect(await services.dataSource.getRepository(ProductImage).countBy({ productId })).toBe(1);
  });

  it('appends a batch after the pictures there are, in the order sent', async () => {
    const productId = await aProductId();
    expect(await sut.addPictures(productId, [await file('first.png'), await file('second.png')], { alt: 'Sides' }, OWNER)).toBe(2);
    const rows = await services.dataSource.getRepository(ProductImage).find({ where: { productId }, order: { position: 'ASC' } });
    expect(rows.map((row) => row.position)).toEqual([0, 1, 2]);
    expect(rows.slice(1).every((row) => row.alt === 'Sides' && row.colour === null)).toBe(true);
  });
});
