import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CouponKind } from './coupon.entity.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value === undefined ? '' : value);
/** Ticked checkboxes arrive as one value or several; none as nothing. */
const list = ({ value }: { value: unknown }): unknown[] => (Array.isArray(value) ? (value as unknown[]) : value === undefined || value === '' ? [] : [value]);

/**
 * A coupon as the owner or staff write it in /admin/coupons: amounts in major units ("500", "1,250.50"),
 * dates as days of the store's calendar, limits as whole numbers or empty for none. CouponEditor reads
 * the amounts and checks the rules that join fields (a percent coupon needs its percent).
 */
export class CouponForm {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z0-9_-]{3,40}$/, { message: 'Please use 3 to 40 letters, digits, hyphens or underscores, such as EID10' })
  code: string;

  @IsIn(Object.values(CouponKind), { message: 'Please choose what the coupon gives' })
  kind: CouponKind;

  @Transform(trimmed)
  @Matches(/^(\d{1,3}(\.\d{1,2})?)?$/, { message: 'Please enter a percent such as 10 or 12.5' })
  percent: string;

  @Transform(trimmed)
  @IsString()
  @Length(0, 20)
  amount: string;

  @Transform(trimmed)
  @IsString()
  @Length(0, 20)
  minSubtotal: string;

  @Transform(trimmed)
  @Matches(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'Please enter a date, or leave it empty' })
  startsOn: string;

  @Transform(trimmed)
  @Matches(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'Please enter a date, or leave it empty' })
  endsOn: string;

  @Transform(trimmed)
  @Matches(/^([1-9]\d{0,6})?$/, { message: 'Please enter a whole number from 1, or leave it empty for no limit' })
  maxUses: string;

  @Transform(trimmed)
  @Matches(/^([1-9]\d{0,6})?$/, { message: 'Please enter a whole number from 1, or leave it empty for no limit' })
  maxUsesPerCustomer: string;

  /** None ticked: the field is absent, and the coupon is for the whole order. */
  @IsOptional()
  @Transform(list)
  @IsArray({ message: 'Please choose categories from the list' })
  @Matches(/^\d{1,10}$/, { each: true, message: 'Please choose categories from the list' })
  categoryIds?: string[];

  @IsOptional()
  @IsIn(['1'])
  active?: string;
}
