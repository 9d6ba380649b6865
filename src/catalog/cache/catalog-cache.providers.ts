import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SettingsService } from '../../settings/settings.service.js';
import { CachedCatalog, CachedListings } from './cached-catalog.js';
import { CATALOG_CACHE_STORE, CatalogCache, type CatalogCacheStore } from './catalog-cache.js';
import { CatalogWarmUp } from './catalog-warm-up.js';
import { JobScheduler } from '../../jobs/job-scheduler.service.js';
import { GENERATION_POLL_MS, MemoryCatalogStore, type SharedGeneration } from './memory-cache-store.js';
import { RedisCatalogStore } from './redis-cache-store.js';

/** The catalog cache and the cached reads, for CatalogModule: entries in Redis when REDIS_URL is set, else in memory. */
export const catalogCacheProviders: Provider[] = [
  {
    provide: CATALOG_CACHE_STORE,
    inject: [APP_CONFIG, SettingsService, JobScheduler],
    useFactory: async (config: AppConfig, settings: SettingsService, scheduler: JobScheduler): Promise<CatalogCacheStore> => {
      if (config.redis) return RedisCatalogStore.open(config.redis.url, config.redis.keyPrefix);
      const store = new MemoryCatalogStore(sharedThroughDatabase(settings));
      // How this process learns of a change made by another instance: every instance, always (JOBS=0 too), every second.
      scheduler.register({ name: 'catalog-cache-poll', everyMs: GENERATION_POLL_MS, perInstance: true, enabled: true, run: () => store.poll() });
      // In the generation the other instances are in before the first entry is kept (the warm-up's): one
      // kept before would be dropped when this first poll finished. A database that is away is tried again at the next poll.
      await store.poll();
      return store;
    },
  },
  CatalogCache,
  CachedListings,
  CachedCatalog,
  CatalogWarmUp,
];

/** The generation and the tags' versions every instance without Redis reads: rows of store_setting. */
export function sharedThroughDatabase(settings: SettingsService): SharedGeneration {
  return {
    read: () => settings.catalogCacheVersions(),
    publish: (generation) => settings.setCatalogGeneration(generation),
    publishTags: (versions) => settings.setCatalogTagVersions(versions),
  };
}
