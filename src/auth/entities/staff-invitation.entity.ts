import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * The owner's invitation to join the staff, sent by email as a single-use link. Staff access is given
 * only to whoever opens the link, so an account someone registered in advance with the address gains nothing.
 * Only the SHA-256 of the link's token is stored.
 */
@Entity('staff_invitation')
@Index(['email'])
export class StaffInvitation {
  @PrimaryGeneratedColumn()
  id: number;

  /** Always stored lower-cased, like an account's email. */
  @Column({ length: 254 })
  email: string;

  @Index({ unique: true })
  @Column({ length: 64 })
  tokenHash: string;

  @Column({ type: 'int' })
  invitedByUserId: number;

  @Column(datetime)
  expiresAt: Date;

  @Column({ ...datetime, nullable: true })
  acceptedAt: Date | null;

  /** The account that became staff through this invitation. */
  @Column({ type: 'int', nullable: true })
  acceptedUserId: number | null;

  /** Set when the owner withdrew it, or replaced it by inviting the same address again. */
  @Column({ ...datetime, nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
