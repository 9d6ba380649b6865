import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Key/value settings that every instance must agree on (currency, the generated session secret). */
@Entity('store_setting')
export class StoreSetting {
  @PrimaryColumn({ length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
