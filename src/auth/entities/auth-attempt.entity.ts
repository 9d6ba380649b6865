import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * One sign-in or password-reset attempt, counted per account and per IP over a sliding window. Kept in
 * the database (or Redis when REDIS_URL is set) so the limit holds across instances and restarts.
 */
@Entity('auth_attempt')
@Index(['action', 'subject', 'createdAt'])
export class AuthAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  /** What was tried: "login" or "password_reset". */
  @Column({ length: 32 })
  action: string;

  /** Who or where it came from: "email:…" or "ip:…". */
  @Column({ length: 300 })
  subject: string;

  @Column({ type: 'boolean', default: false })
  succeeded: boolean;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
