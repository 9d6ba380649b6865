import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum TokenPurpose {
  VerifyEmail = 'verify_email',
  ResetPassword = 'reset_password',
}

/** A single-use link sent by email. Only the SHA-256 of the token is stored, so a leaked table opens nothing. */
@Entity('user_token')
@Index(['userId', 'purpose'])
export class UserToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'simple-enum', enum: TokenPurpose })
  purpose: TokenPurpose;

  @Index({ unique: true })
  @Column({ length: 64 })
  tokenHash: string;

  @Column(datetime)
  expiresAt: Date;

  @Column({ ...datetime, nullable: true })
  usedAt: Date | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
