import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Scope } from './scopes';

@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The first characters of the key, enough to recognise it in a list; never the whole key. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** SHA-256 of the key (hex). Keys carry 192 random bits, so a fast hash is enough and allows lookup by hash. */
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true })
  keyHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: Scope[];

  /** `api` (created through the API), `bootstrap` (first boot) or `env` (ADMIN_API_KEY). */
  @Column({ type: 'varchar', length: 20, default: 'api' })
  source!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
