import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../audit/actor.js';
import type { UploadedFile } from '../common/multipart-form.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { SettingsService, type StoreSettings } from '../settings/settings.service.js';
import type { StoreSettingsForm } from '../settings/store-settings.form.js';
import { cacheKey, CatalogCache } from './cache/catalog-cache.js';
import { checkPictures } from './images/picture-checks.js';
import { PictureFolder } from './images/picture-folder.js';

/** A logo is shown at most 60 px high in the header; this leaves room for high-density screens and a wide mark. */
const LOGO_BOUNDS = { width: 1200, height: 300 };

/**
 * The store settings as the storefront uses them. Every page's layout reads them (name, logo, currency,
 * home page text), so they are kept in the catalog cache: a page view costs no query, and a change
 * starts a new catalog generation, which every instance sees (at once with Redis, at its next read of
 * the shared generation without), and which also gives every memoised page a new input (render-memo.ts).
 */
@Injectable()
export class StorefrontSettings {
  private readonly logos: PictureFolder;

  constructor(
    private readonly settings: SettingsService,
    private readonly cache: CatalogCache,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.logos = new PictureFolder(path.join(config.varDir, 'uploads'), 'shop');
  }

  /** The settings in force, shared (frozen) by every request until they change. */
  current(): Promise<StoreSettings> {
    return this.cache.remember(cacheKey('storeSettings', []), () => this.settings.storeSettings());
  }

  /**
   * Saves the settings form, with a new logo when one is given (checked and re-encoded like a product
   * picture: a file that is not a picture is refused, naming it, before anything changes). The old logo's
   * file goes once the change has committed; the new one is removed again if it does not commit.
   */
  async save(form: StoreSettingsForm, logo: UploadedFile | undefined, actor: Actor): Promise<void> {
    const [stored] = logo ? await this.logos.store(await checkPictures([logo], LOGO_BOUNDS), { prefix: 'logo', thumbnails: false }) : [];
    try {
      await this.transactions.run(async (manager) => {
        const { shopName, contactEmail, contactPhone, currency, homeHeading, homeText } = form;
        // Left out unless it changes: no new file and no removal keeps the logo there is.
        const logoChange = stored ? { logoUrl: stored.url } : form.removeLogo === '1' ? { logoUrl: null } : {};
        const was = await this.settings.saveStoreSettings(
          manager,
          { shopName, contactEmail, contactPhone, currency, homeHeading, homeText, ...logoChange },
          actor,
        );
        await this.transactions.afterCommit(manager, this.cache.catalogChanged);
        const oldLogo = was.logoUrl;
        if (oldLogo !== null && 'logoUrl' in logoChange && oldLogo !== logoChange.logoUrl) {
          await this.transactions.afterCommit(manager, () => this.logos.remove([{ url: oldLogo, thumbnailWidths: [] }]));
        }
      });
    } catch (error) {
      if (stored) await this.logos.remove([stored]);
      throw error;
    }
  }
}
