import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * One sign-in, password-reset or registration attempt, counted per key over a sliding window (see
 * AttemptLimiter). Kept in the database (or Redis when REDIS_URL is set) so the limits hold across
 * instances and restarts.
 */
@Entity('auth_attempt')
@Index(['action', 'subject', 'createdAt'])
export class AuthAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  /** What was tried: "login", "password_reset" or "register". */
  @Column({ length: 32 })
  action: string;

  /** What it is counted under: "email:…", "ip:…", "pair:<email>|<ip>" or "device:<nonce>". */
  @Column({ length: 300 })
  subject: string;

  @Column({ type: 'boolean', default: false })
  succeeded: boolean;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
