import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('product_image')
@Index(['productId', 'position'])
export class ProductImage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  productId: number;

  /** The colour this picture shows, so the product page can switch pictures with the colour. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  colour: string | null;

  /** Public URL path of the picture, under /uploads. */
  @Column({ length: 255 })
  url: string;

  @Column({ length: 255 })
  alt: string;

  /**
   * Widths (px, ascending, comma-separated) of the webp thumbnails generated beside the original, named
   * `<original without extension>-<width>w.webp`; empty until they have been generated.
   */
  @Column({ type: 'varchar', length: 60, default: '' })
  thumbnailWidths: string;

  @Column({ type: 'int', default: 0 })
  position: number;
}
