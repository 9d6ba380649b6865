import { Entity, PrimaryColumn } from 'typeorm';

/** A coupon limited to categories discounts only the lines in them (their sub-categories included). */
@Entity('coupon_category')
export class CouponCategory {
  @PrimaryColumn({ type: 'int' })
  couponId: number;

  @PrimaryColumn({ type: 'int' })
  categoryId: number;
}
