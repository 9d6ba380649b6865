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

  /** Set when the owner of the address clicked the link we sent; unverified accounts can still shop. */
  @Column({ ...datetime, nullable: true })
  emailVerifiedAt: Date | null;

  /** Base32 TOTP secret once two-factor sign-in is turned on (owner and staff). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  totpSecret: string | null;

  @Column({ ...datetime, nullable: true })
  totpEnabledAt: Date | null;

  /** The last TOTP time step accepted, so a code seen over someone's shoulder cannot be used a second time. */
  @Column({ type: 'int', nullable: true })
  totpLastUsedStep: number | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
