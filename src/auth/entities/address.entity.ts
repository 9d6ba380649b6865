import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** A saved delivery address in a customer's address book; the default one fills the checkout form. */
@Entity('address')
export class Address {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  userId: number;

  @Column({ length: 120 })
  fullName: string;

  @Column({ length: 40 })
  phone: string;

  @Column({ length: 255 })
  address: string;

  @Column({ length: 120 })
  city: string;

  @Column({ length: 20 })
  postalCode: string;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
