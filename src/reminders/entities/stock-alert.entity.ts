import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * "Email me when it is back" for one sold-out variant. One per address and variant (unique), so asking
 * twice changes nothing; deleted when its email is queued, so it is sent once and then forgotten.
 */
@Entity('stock_alert')
@Index(['email', 'variantId'], { unique: true })
export class StockAlert {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  variantId: number;

  @Column({ length: 254 })
  email: string;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
