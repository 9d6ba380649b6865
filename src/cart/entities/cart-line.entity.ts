import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('cart_line')
@Index(['cartId', 'variantId'], { unique: true })
export class CartLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  cartId: number;

  @Column({ type: 'int' })
  variantId: number;

  @Column({ type: 'int' })
  quantity: number;
}
