import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ProductOption {
  Size = 'size',
  Colour = 'colour',
}

/**
 * A value of one of the store's options (a size or a colour) in the order shoppers expect to see it
 * (XS before S before M), with a swatch for colours. Variants name their size and colour by value.
 */
@Entity('option_value')
@Index(['option', 'value'], { unique: true })
export class OptionValue {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'simple-enum', enum: ProductOption })
  option: ProductOption;

  @Column({ length: 40 })
  value: string;

  @Column({ type: 'int', default: 0 })
  position: number;

  /** A CSS colour (#rrggbb) for colour swatches. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  swatch: string | null;
}
