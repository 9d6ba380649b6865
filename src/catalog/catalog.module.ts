import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ApiDocsController } from './api-docs.controller.js';
import { CachedCatalog } from './cache/cached-catalog.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { catalogCacheProviders } from './cache/catalog-cache.providers.js';
import { CatalogWarmUp } from './cache/catalog-warm-up.js';
import { CatalogApiController } from './catalog.api.controller.js';
import { CatalogController } from './catalog.controller.js';
import { CatalogEditor } from './catalog-editor.service.js';
import { CategoryEditor } from './category-editor.service.js';
import { ProductCsvExport } from './csv/product-csv-export.service.js';
import { ProductCsvImports } from './csv/product-csv-import.service.js';
import { InventoryService } from './inventory.service.js';
import { ProductListingService } from './product-listing.service.js';
import { ProductEditor } from './product-editor.service.js';
import { ProductPagesService } from './product-pages.service.js';
import { ProductRecords } from './product-records.service.js';
import { ProductSlugs } from './product-slugs.js';
import { SalesRecord } from './sales-record.service.js';
import { VariantGridWriter } from './variant-grid-writer.js';
import { StockLedger } from './stock-ledger.service.js';
import { StockReports } from './stock-reports.service.js';
import { VariantLookups } from './variant-lookups.service.js';
import { DemoCatalogSeeder } from './demo-catalog.seeder.js';
import { Category } from './entities/category.entity.js';
import { CoPurchase } from './entities/co-purchase.entity.js';
import { CsvImportBatch } from './entities/csv-import-batch.entity.js';
import { CsvImport } from './entities/csv-import.entity.js';
import { OptionValue } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product } from './entities/product.entity.js';
import { ProductSlugRedirect } from './entities/product-slug-redirect.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { ProductPictures } from './images/product-pictures.service.js';
import { ProductImageThumbnails } from './images/thumbnails.js';
import { SeoController } from './seo.controller.js';
import { CatalogSeo } from './seo.js';
import { StorefrontSettings } from './storefront-settings.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Category,
      Product,
      Variant,
      ProductImage,
      StockMovement,
      OptionValue,
      ProductSlugRedirect,
      CoPurchase,
      CsvImport,
      CsvImportBatch,
    ]),
    SettingsModule,
    AuditModule,
    JobsModule,
  ],
  controllers: [CatalogController, SeoController, CatalogApiController, ApiDocsController],
  providers: [
    ProductPagesService,
    ProductSlugs,
    VariantLookups,
    InventoryService,
    SalesRecord,
    CatalogEditor,
    CategoryEditor,
    ProductCsvExport,
    ProductCsvImports,
    ProductEditor,
    VariantGridWriter,
    ProductRecords,
    ProductListingService,
    CatalogSeo,
    DemoCatalogSeeder,
    ProductImageThumbnails,
    ProductPictures,
    StorefrontSettings,
    StockReports,
    StockLedger,
    ...catalogCacheProviders,
  ],
  exports: [
    CatalogCache,
    CatalogWarmUp,
    CachedCatalog,
    VariantLookups,
    InventoryService,
    StockReports,
    StockLedger,
    SalesRecord,
    CatalogEditor,
    CategoryEditor,
    ProductEditor,
    ProductRecords,
    ProductCsvExport,
    ProductCsvImports,
    ProductImageThumbnails,
    ProductPictures,
    StorefrontSettings,
  ],
})
export class CatalogModule {}
