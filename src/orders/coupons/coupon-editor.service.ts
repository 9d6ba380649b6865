import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { AuditTrail, changedFields } from '../../audit/audit-trail.service.js';
import { NotFoundError, ShopError } from '../../common/errors.js';
import type { FieldErrors } from '../../common/forms.js';
import { minorUnitsFrom } from '../../common/money.js';
import { dayOf, endOfDay, isCalendarDay, startOfDay } from '../../common/store-calendar.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isUniqueViolation } from '../../database/database-errors.js';
import { Transactions } from '../../database/transactions.js';
import { CouponCategory } from './coupon-category.entity.js';
import { Coupon, CouponKind } from './coupon.entity.js';
import type { CouponForm } from './coupon.form.js';

/** A coupon the owner wrote that breaks a rule joining fields; a message per field. */
export class CouponInvalidError extends ShopError {
  constructor(readonly fields: FieldErrors) {
    super(Object.values(fields).join(' '), 422);
  }
}

/** A coupon's columns as the form sets them. */
type CouponFields = Pick<
  Coupon,
  'code' | 'kind' | 'percentBasisPoints' | 'amountOffMinor' | 'minSubtotalMinor' | 'startsAt' | 'endsAt' | 'maxUses' | 'maxUsesPerCustomer' | 'active'
>;

/** A row of the coupons list. */
export type CouponRow = Coupon & { categoryIds: number[] };

/** The coupons of /admin/coupons: listed, created and edited, each change audited in its own transaction. */
@Injectable()
export class CouponEditor {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<CouponRow[]> {
    const manager = this.transactions.repository(Coupon).manager;
    const [coupons, links] = await Promise.all([manager.find(Coupon, { order: { createdAt: 'DESC', id: 'DESC' } }), manager.find(CouponCategory)]);
    return coupons.map((coupon) => ({ ...coupon, categoryIds: links.filter((l) => l.couponId === coupon.id).map((l) => l.categoryId) }));
  }

  async coupon(id: number): Promise<CouponRow> {
    const manager = this.transactions.repository(Coupon).manager;
    const coupon = Number.isSafeInteger(id) && id > 0 ? await manager.findOneBy(Coupon, { id }) : null;
    if (!coupon) throw new NotFoundError('That coupon');
    const links = await manager.findBy(CouponCategory, { couponId: id });
    return { ...coupon, categoryIds: links.map((l) => l.categoryId) };
  }

  /** The coupon as its form shows it again: amounts in major units, dates as store days. */
  formValues(coupon: CouponRow): Record<string, unknown> {
    const day = (at: Date | null) => (at ? dayOf(this.config.storeTimeZone, at) : '');
    // The end is stored as the instant after its last day: the form shows that last day.
    const lastDay = (at: Date | null) => (at ? dayOf(this.config.storeTimeZone, new Date(at.getTime() - 1)) : '');
    const amount = (minor: number) => (minor > 0 ? String(minor / 100) : '');
    return {
      code: coupon.code,
      kind: coupon.kind,
      percent: coupon.percentBasisPoints > 0 ? String(coupon.percentBasisPoints / 100) : '',
      amount: amount(coupon.amountOffMinor),
      minSubtotal: amount(coupon.minSubtotalMinor),
      startsOn: day(coupon.startsAt),
      endsOn: lastDay(coupon.endsAt),
      maxUses: coupon.maxUses ?? '',
      maxUsesPerCustomer: coupon.maxUsesPerCustomer ?? '',
      categoryIds: coupon.categoryIds.map(String),
      active: coupon.active ? '1' : undefined,
    };
  }

  async create(form: CouponForm, actor: Actor): Promise<Coupon> {
    const fields = this.fieldsOf(form);
    return this.writing(fields.code, async (manager) => {
      const inserted = await manager.insert(Coupon, { ...fields, usesCount: 0 });
      const id = Number(inserted.identifiers[0].id);
      await this.setCategories(manager, id, form.categoryIds ?? []);
      await this.audit.record(manager, actor, {
        action: 'coupon.created',
        subject: { type: 'coupon', id: fields.code },
        after: { ...fields, categoryIds: (form.categoryIds ?? []).map(Number) },
      });
      return manager.findOneByOrFail(Coupon, { id });
    });
  }

  async update(id: number, form: CouponForm, actor: Actor): Promise<void> {
    const before = await this.coupon(id);
    const fields = this.fieldsOf(form);
    await this.writing(fields.code, async (manager) => {
      await manager.update(Coupon, { id }, fields);
      await this.setCategories(manager, id, form.categoryIds ?? []);
      const was = { ...pick(before), categoryIds: before.categoryIds };
      const now = { ...fields, categoryIds: (form.categoryIds ?? []).map(Number) };
      const changes = changedFields(was, now);
      if (Object.keys(changes.after).length > 0)
        await this.audit.record(manager, actor, { action: 'coupon.updated', subject: { type: 'coupon', id: fields.code }, ...changes });
    });
  }

  private async writing<T>(code: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CouponInvalidError({ code: `The code ${code} is taken by another coupon. Please choose another.` });
      throw error;
    }
  }

  private async setCategories(manager: EntityManager, couponId: number, categoryIds: string[]): Promise<void> {
    await manager.delete(CouponCategory, { couponId });
    const ids = [...new Set(categoryIds.map(Number))];
    if (ids.length > 0)
      await manager.insert(
        CouponCategory,
        ids.map((categoryId) => ({ couponId, categoryId })),
      );
  }

  /** The form's values as columns, or the rules they break, a message per field. */
  private fieldsOf(form: CouponForm): CouponFields {
    const errors: FieldErrors = {};
    const zone = this.config.storeTimeZone;
    const money = (field: 'amount' | 'minSubtotal', required: boolean) => {
      const text = form[field];
      if (text === '' && !required) return 0;
      const minor = minorUnitsFrom(text);
      if (minor === undefined || minor < 0 || (required && minor === 0) || minor > 2_000_000_000) {
        errors[field] = required ? 'Please enter the amount off, such as 500' : 'Please enter an amount such as 5,000, or leave it empty';
        return 0;
      }
      return minor;
    };
    const percentBasisPoints = form.kind === CouponKind.Percent ? Math.round(Number(form.percent || '0') * 100) : 0;
    if (form.kind === CouponKind.Percent && (percentBasisPoints < 1 || percentBasisPoints > 10_000)) errors.percent = 'Please enter a percent from 0.01 to 100';
    const amountOffMinor = form.kind === CouponKind.Fixed ? money('amount', true) : 0;
    const minSubtotalMinor = money('minSubtotal', false);
    const day = (field: 'startsOn' | 'endsOn') => {
      if (form[field] === '') return null;
      if (!isCalendarDay(form[field])) errors[field] = 'Please enter a date that exists';
      return form[field];
    };
    const [startsOn, endsOn] = [day('startsOn'), day('endsOn')];
    if (startsOn && endsOn && endsOn < startsOn) errors.endsOn = 'The last day cannot come before the first';
    if (Object.keys(errors).length > 0) throw new CouponInvalidError(errors);
    return {
      code: form.code,
      kind: form.kind,
      percentBasisPoints,
      amountOffMinor,
      minSubtotalMinor,
      startsAt: startsOn ? startOfDay(zone, startsOn) : null,
      endsAt: endsOn ? endOfDay(zone, endsOn) : null,
      maxUses: form.maxUses ? Number(form.maxUses) : null,
      maxUsesPerCustomer: form.maxUsesPerCustomer ? Number(form.maxUsesPerCustomer) : null,
      active: form.active === '1',
    };
  }
}

function pick(coupon: Coupon): CouponFields {
  const { code, kind, percentBasisPoints, amountOffMinor, minSubtotalMinor, startsAt, endsAt, maxUses, maxUsesPerCustomer, active } = coupon;
  return { code, kind, percentBasisPoints, amountOffMinor, minSubtotalMinor, startsAt, endsAt, maxUses, maxUsesPerCustomer, active };
}
