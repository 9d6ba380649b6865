import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** A cart is a database row, so it survives sign-in, restarts and a second instance. */
@Entity('cart')
export class Cart {
  @PrimaryGeneratedColumn()
  id: number;

  /** Set once the shopper signs in; a user has at most one open cart. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @Column({ ...datetime, nullable: true })
  updatedAt: Date | null;
}
