import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SettingsService } from '../../settings/settings.service.js';
import { CachedCatalog, CachedListings } from './cached-catalog.js';
import { CATALOG_CACHE_STORE, CatalogCache, type CatalogCacheStore } from './catalog-cache.js';
import { MemoryCatalogStore } from './memory-cache-store.js';
import { RedisCatalogStore } from './redis-cache-store.js';

/** The catalog cache and the cached reads, for CatalogModule: entries in Redis when REDIS_URL is set, else in memory. */
export const catalogCacheProviders: Provider[] = [
  {
    provide: CATALOG_CACHE_STORE,
    inject: [APP_CONFIG, SettingsService],
    useFactory: (config: AppConfig, settings: SettingsService): CatalogCacheStore =>
      config.redis
        ? RedisCatalogStore.open(config.redis.url, config.redis.keyPrefix)
        : new MemoryCatalogStore({ read: () => settings.catalogGeneration(), publish: (generation) => settings.setCatalogGeneration(generation) }),
  },
  CatalogCache,
  CachedListings,
  CachedCatalog,
];
