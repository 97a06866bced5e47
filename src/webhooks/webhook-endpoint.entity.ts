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

  /** The secret before the last rotation: deliveries carry a signature with it too until it expires. */
  @Column({ name: 'previous_secret', type: 'varchar', length: 100, nullable: true })
  previousSecret!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

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
