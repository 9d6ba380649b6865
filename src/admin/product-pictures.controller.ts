import { Body, Controller, Get, Param, Post, Render, Req, Res, UploadedFiles, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { MovePictureForm, PictureForm } from '../catalog/dto/picture.forms.js';
import { PICTURE_UPLOADS, PicturesRefusedError } from '../catalog/images/picture-checks.js';
import { LastPictureError, NoPicturesChosenError, PictureColourError, ProductPictures } from '../catalog/images/product-pictures.service.js';
import { NotFoundError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { type FieldErrors, parseForm, showFormAgain } from '../common/forms.js';
import { MultipartForm, type UploadedFile } from '../common/multipart-form.js';
import { UploadRefusedFilter } from './upload-refused.filter.js';

const VIEW = 'admin/product-pictures';

/** A product's pictures: upload several at once, describe, tie to a colour, reorder, delete. Staff too. */
@Controller('admin/products/:id/pictures')
@AdminAccess(Role.Owner, Role.Staff)
export class ProductPicturesController {
  constructor(private readonly pictures: ProductPictures) {}

  @Get()
  @Render(VIEW)
  async page(@Param('id') id: string) {
    return this.view(idOf(id, 'That product'));
  }

  @Post()
  @MultipartForm('pictures', PICTURE_UPLOADS)
  @UseFilters(new UploadRefusedFilter(PICTURE_UPLOADS))
  async upload(
    @Param('id') id: string,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const productId = idOf(id, 'That product');
    const form = await parseForm(PictureForm, body);
    const again = async (errors: FieldErrors, problems: string[] = []) =>
      showFormAgain(res, VIEW, { ...(await this.view(productId)), problems }, { values: body, errors });
    if (!form.ok) return again({ ...form.errors, ...((files ?? []).length === 0 ? { pictures: new NoPicturesChosenError().message } : {}) });
    try {
      const added = await this.pictures.addPictures(productId, files ?? [], form.value, actorOf(req));
      flash(req, 'success', added === 1 ? 'The picture was added.' : `${added} pictures were added.`);
    } catch (error) {
      if (error instanceof PicturesRefusedError)
        return again({ pictures: 'Nothing was uploaded: some files are not pictures we can use (listed above).' }, error.problems);
      if (error instanceof NoPicturesChosenError) return again({ pictures: error.message });
      if (error instanceof PictureColourError) return again({ colour: error.message });
      throw error;
    }
    res.redirect(303, `/admin/products/${productId}/pictures`);
  }

  @Post(':pictureId')
  async update(
    @Param('id') id: string,
    @Param('pictureId') pictureId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const productId = idOf(id, 'That product');
    const picture = idOf(pictureId, 'That picture');
    const form = await parseForm(PictureForm, body);
    const again = async (errors: FieldErrors) => showFormAgain(res, VIEW, await this.view(productId, { id: picture, values: body, errors }), { errors: {} });
    if (!form.ok) return again(form.errors);
    try {
      await this.pictures.updatePicture(productId, picture, form.value, actorOf(req));
    } catch (error) {
      if (error instanceof PictureColourError) return again({ colour: error.message });
      throw error;
    }
    flash(req, 'success', 'The picture was saved.');
    res.redirect(303, `/admin/products/${productId}/pictures#picture-${picture}`);
  }

  @Post(':pictureId/move')
  async move(@Param('id') id: string, @Param('pictureId') pictureId: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const productId = idOf(id, 'That product');
    const picture = idOf(pictureId, 'That picture');
    const form = await parseForm(MovePictureForm, body);
    if (form.ok) await this.pictures.movePicture(productId, picture, form.value.direction, actorOf(req));
    res.redirect(303, `/admin/products/${productId}/pictures#picture-${picture}`);
  }

  @Post(':pictureId/delete')
  async remove(@Param('id') id: string, @Param('pictureId') pictureId: string, @Req() req: Request, @Res() res: Response) {
    const productId = idOf(id, 'That product');
    try {
      await this.pictures.removePicture(productId, idOf(pictureId, 'That picture'), actorOf(req));
      flash(req, 'success', 'The picture was deleted.');
    } catch (error) {
      if (!(error instanceof LastPictureError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/products/${productId}/pictures`);
  }

  /** The page; `edited` is a picture's form that did not go through, shown with its input and messages. */
  private async view(productId: number, edited?: { id: number; values: Record<string, unknown>; errors: FieldErrors }) {
    const { product, colours, pictures } = await this.pictures.picturesOf(productId);
    return {
      title: `Pictures of ${product.name}`,
      layout: 'admin',
      scripts: ['/js/upload-previews.js'],
      product,
      colours,
      pictures: pictures.map((picture, index) => {
        const failed = edited?.id === picture.id ? edited : undefined;
        return {
          ...picture,
          number: index + 1,
          first: index === 0,
          last: index === pictures.length - 1,
          values: failed ? failed.values : { alt: picture.alt, colour: picture.colour ?? '' },
          errors: failed?.errors ?? {},
        };
      }),
    };
  }
}

/** A row id from the address; anything else is a page that does not exist. */
function idOf(value: string, what: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new NotFoundError(what);
  return Number(value);
}
