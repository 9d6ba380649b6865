import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum Role {
  Customer = 'customer',
  Staff = 'staff',
  Owner = 'owner',
}

@Entity('user')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Always stored lower-cased: MariaDB compares case-insensitively, SQLite does not. */
  @Index({ unique: true })
  @Column({ length: 254 })
  email: string;

  @Column({ length: 120 })
  name: string;

  @Column({ length: 255 })
  passwordHash: string;

  @Column({ type: 'simple-enum', enum: Role, default: Role.Customer })
  role: Role;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
