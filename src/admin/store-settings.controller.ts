import { Body, Controller, Get, Post, Render, Req, Res, UploadedFiles, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { PICTURE_UPLOADS, PicturesRefusedError } from '../catalog/images/picture-checks.js';
import { StorefrontSettings } from '../catalog/storefront-settings.service.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { MultipartForm, type UploadedFile, type UploadLimits } from '../common/multipart-form.js';
import { CURRENCIES } from '../settings/settings.service.js';
import { StoreSettingsForm } from '../settings/store-settings.form.js';
import { UploadRefusedFilter } from './upload-refused.filter.js';

const VIEW = 'admin/store-settings';
/** One logo, with the same size limit as any picture. */
const LOGO_UPLOAD: UploadLimits = { fileBytes: PICTURE_UPLOADS.fileBytes, files: 1 };

/** The owner's store settings: name, logo, contact details, currency and the home page's text. */
@Controller('admin/settings')
@AdminAccess(Role.Owner)
export class StoreSettingsController {
  constructor(private readonly storefront: StorefrontSettings) {}

  @Get()
  @Render(VIEW)
  async page() {
    const shop = await this.storefront.current();
    return { ...(await this.view()), values: { ...shop } };
  }

  @Post()
  @MultipartForm('logo', LOGO_UPLOAD)
  @UseFilters(new UploadRefusedFilter(LOGO_UPLOAD))
  async save(
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const form = await parseForm(StoreSettingsForm, body);
    if (!form.ok) return showFormAgain(res, VIEW, await this.view(), form);
    try {
      await this.storefront.save(form.value, files?.[0], actorOf(req));
    } catch (error) {
      if (!(error instanceof PicturesRefusedError)) throw error;
      return showFormAgain(res, VIEW, await this.view(), { values: body, errors: { logo: error.problems.join(' ') } });
    }
    flash(req, 'success', 'The store settings were saved. The shop shows them now.');
    res.redirect(303, '/admin/settings');
  }

  private async view() {
    const { logoUrl } = await this.storefront.current();
    return { title: 'Store settings', layout: 'admin', logoUrl, currencies: CURRENCIES };
  }
}
