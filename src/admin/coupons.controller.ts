import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { ProductRecords } from '../catalog/product-records.service.js';
import { flash } from '../common/flash.js';
import { type FailedForm, parseForm, showFormAgain } from '../common/forms.js';
import { CouponEditor, CouponInvalidError } from '../orders/coupons/coupon-editor.service.js';
import { CouponKind } from '../orders/coupons/coupon.entity.js';
import { CouponForm } from '../orders/coupons/coupon.form.js';

const EDITOR = 'admin/coupon';

const KIND_LABELS: Record<CouponKind, string> = {
  [CouponKind.Percent]: 'A percent off',
  [CouponKind.Fixed]: 'An amount off',
  [CouponKind.FreeShipping]: 'Free delivery',
};

/** Coupons: the list with each one's uses, and the editor. Staff may use both, as for products; every change is audited. */
@Controller('admin/coupons')
@AdminAccess(Role.Owner, Role.Staff)
export class CouponsController {
  constructor(
    private readonly coupons: CouponEditor,
    private readonly records: ProductRecords,
  ) {}

  @Get()
  @Render('admin/coupons')
  async list() {
    const coupons = await this.coupons.list();
    return { title: 'Coupons', layout: 'admin', coupons: coupons.map((coupon) => ({ ...coupon, kindLabel: KIND_LABELS[coupon.kind] })) };
  }

  @Get('new')
  @Render(EDITOR)
  async newCoupon() {
    const values = { kind: CouponKind.Percent, active: '1', categoryIds: [] };
    return { ...(await this.editorPage(null, values)), values, errors: {} };
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(CouponForm, body);
    if (!form.ok) return this.showAgain(res, null, form);
    try {
      const coupon = await this.coupons.create(form.value, actorOf(req));
      flash(req, 'success', `The coupon ${coupon.code} was made.`);
      res.redirect(303, '/admin/coupons');
    } catch (error) {
      if (!(error instanceof CouponInvalidError)) throw error;
      return this.showAgain(res, null, { values: { ...form.value }, errors: error.fields });
    }
  }

  @Get(':id')
  @Render(EDITOR)
  async edit(@Param('id') id: string) {
    const coupon = await this.coupons.coupon(Number(id));
    const values = this.coupons.formValues(coupon);
    return { ...(await this.editorPage(coupon.id, values)), coupon, values, errors: {} };
  }

  @Post(':id')
  async update(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const coupon = await this.coupons.coupon(Number(id));
    const form = await parseForm(CouponForm, body);
    if (!form.ok) return this.showAgain(res, coupon.id, form);
    try {
      await this.coupons.update(coupon.id, form.value, actorOf(req));
      flash(req, 'success', `The coupon ${form.value.code} was saved.`);
      res.redirect(303, '/admin/coupons');
    } catch (error) {
      if (!(error instanceof CouponInvalidError)) throw error;
      return this.showAgain(res, coupon.id, { values: { ...form.value }, errors: error.fields });
    }
  }

  private async showAgain(res: Response, id: number | null, failed: FailedForm): Promise<void> {
    showFormAgain(res, EDITOR, await this.editorPage(id, failed.values ?? {}), failed);
  }

  /** The editor's page around `values`: its categories with those chosen ticked. */
  private async editorPage(id: number | null, values: Record<string, unknown>) {
    const categories = await this.records.categoryChoices();
    const chosen = ([] as unknown[]).concat(values.categoryIds ?? []).map(String);
    return {
      title: id === null ? 'New coupon' : 'Edit coupon',
      layout: 'admin',
      action: id === null ? '/admin/coupons' : `/admin/coupons/${id}`,
      kinds: Object.values(CouponKind).map((value) => ({ value, label: KIND_LABELS[value] })),
      categories: categories.map((c) => ({ id: String(c.id), label: `${'— '.repeat(c.depth)}${c.name}`, checked: chosen.includes(String(c.id)) })),
    };
  }
}
