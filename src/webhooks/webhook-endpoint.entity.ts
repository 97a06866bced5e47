import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('webhook_endpoint')
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Column({ type: 'text', array: true })
  events!: string[];

  /** The signing secret. Needed in clear to sign; never returned after creation, never logged. */
  @Column({ type: 'varchar', length: 100 })
  secret!: string;

  /** `enabled` or `disabled` (the target answered 410 Gone, or an operator disabled it). */
  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
