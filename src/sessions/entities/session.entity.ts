import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** express-session's store: sessions live in the database so restarts and several instances share them. */
@Entity('session')
export class SessionRecord {
  @PrimaryColumn({ length: 128 })
  id: string;

  @Index()
  @Column(datetime)
  expiresAt: Date;

  @Index()
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'text' })
  data: string;
}
