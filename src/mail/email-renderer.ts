import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SettingsService } from '../settings/settings.service.js';
import { defaultTemplate, type TemplateParts } from './default-templates.js';
import type { CommonVariables } from './email-kind-spec.js';
import { EMAIL_KINDS, type EmailKind, type EmailVariables } from './email-kinds.js';
import { renderTemplate, type RenderedEmail } from './email-template-engine.js';
import { EmailTemplate } from './entities/email-template.entity.js';

/** The shop's name in the editor's sample emails; real ones carry the name the owner set (SettingsService). */
const SAMPLE_SHOP_NAME = 'Anarkali';

/** What a caller may have read before the email's transaction: the shop's name to sign with, the saved template (null: none). */
export interface EmailContext {
  shopName?: string;
  savedTemplate?: EmailTemplate | null;
}

/** Turns an email's values into its subject, HTML and text, from the owner's template or the default. */
@Injectable()
export class EmailRenderer {
  private readonly logger = new Logger('Email');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: SettingsService,
    @InjectRepository(EmailTemplate) private readonly templates: Repository<EmailTemplate>,
  ) {}

  /**
   * The email as it will be sent, rendered now, in the transaction that causes it (the saved template
   * read there too), so what the outbox holds is exactly what goes out. A saved template passed the
   * checks when it was saved; if it fails now all the same, the default is used and the failure
   * logged: an email is never lost to a template. What the caller read already (`context`) is not read again.
   */
  async render<K extends EmailKind>(manager: EntityManager, kind: K, variables: EmailVariables[K], context: EmailContext = {}): Promise<RenderedEmail> {
    const values = { ...variables, ...this.commonVariables(context.shopName ?? (await this.settings.shopNameWithin(manager))) };
    const saved = context.savedTemplate !== undefined ? context.savedTemplate : await manager.findOneBy(EmailTemplate, { kind });
    if (saved) {
      try {
        return renderTemplate(saved, values);
      } catch (error) {
        this.logger.error({ event: 'email_template_failed', kind, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return renderTemplate(await defaultTemplate(kind), values);
  }

  savedTemplate(kind: EmailKind): Promise<EmailTemplate | null> {
    return this.templates.findOneBy({ kind });
  }

  /** The kind's sample email rendered from `parts`: the editor's preview. Throws what the template throws. */
  renderSample(kind: EmailKind, parts: TemplateParts): RenderedEmail {
    return renderTemplate(parts, { ...EMAIL_KINDS[kind].sample, ...this.commonVariables(SAMPLE_SHOP_NAME) });
  }

  private commonVariables(shopName: string): CommonVariables {
    return { shopName, shopUrl: this.config.publicUrl };
  }
}
