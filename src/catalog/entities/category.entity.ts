import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('category')
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 120 })
  slug: string;

  @Column({ length: 120 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Categories form a tree; the skeleton seeds one level, later work nests them. */
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @Column({ type: 'int', default: 0 })
  position: number;
}
