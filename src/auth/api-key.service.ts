import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { newId } from '../platform/ids/new-id';
import { preparedQuery } from '../platform/database/prepared-query';
import { ApiKeyEntity } from './api-key.entity';
import type { Scope } from './scopes';

export interface Principal {
  keyId: string;
  name: string;
  scopes: Scope[];
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  /** Last time `last_used_at` was written per key, to write it at most once a minute. */
  private readonly touched = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Creates a key; the returned `key` is the only time its value is ever available. */
  async create(name: string, scopes: Scope[], source = 'api'): Promise<{ entity: ApiKeyEntity; key: string }> {
    const key = `pw_${randomBytes(24).toString('base64url')}`;
    const entity = this.keys.create({
      id: newId('key'),
      name,
      prefix: key.slice(0, 10),
      keyHash: hashKey(key),
      scopes: [...new Set(scopes)],
      source,
      revokedAt: null,
      lastUsedAt: null,
    });
    await this.keys.insert(entity);
    return { entity, key };
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async revoke(id: string): Promise<void> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!result.affected) {
      const exists = await this.keys.existsBy({ id });
      if (!exists) throw AppError.notFound('API key');
    }
  }

  /** Resolves a presented key to its principal, or undefined when it is unknown or revoked. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    // Every authenticated request asks this: a prepared statement skips TypeORM's query building and planning.
    const [row] = await preparedQuery<{ id: string; name: string; scopes: Scope[] }>(
      this.keys.manager.connection,
      'api-key-authenticate',
      'SELECT id, name, scopes FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashKey(presented)],
    );
    if (!row) return undefined;
    const now = this.clock.now().getTime();
    if ((this.touched.get(row.id) ?? 0) < now - 60_000) {
      this.touched.set(row.id, now);
      void this.keys.update({ id: row.id }, { lastUsedAt: new Date(now) }).catch(() => undefined);
    }
    return { keyId: row.id, name: row.name, scopes: row.scopes };
  }

  /**
   * Makes sure the service can be administered after boot: ADMIN_API_KEY (when set) exists with scope
   * `admin`; otherwise, on a database with no admin key, a fresh key is created and returned once.
   */
  async ensureAdminKey(): Promise<string | undefined> {
    const envKey = this.config.ADMIN_API_KEY;
    if (envKey) {
      const keyHash = hashKey(envKey);
      const existing = await this.keys.findOne({ where: { keyHash } });
      if (!existing) {
        await this.keys
          .insert({
            id: newId('key'),
            name: 'ADMIN_API_KEY',
            prefix: envKey.slice(0, 10),
            keyHash,
            scopes: ['admin'],
            source: 'env',
            revokedAt: null,
            lastUsedAt: null,
          })
          .catch((e: unknown) => {
            // Another instance inserted it at the same moment: the unique hash makes that harmless.
            if ((e as { code?: string }).code !== '23505') throw e;
          });
      } else if (existing.revokedAt) {
        this.logger.warn('ADMIN_API_KEY is set but that key was revoked; it stays revoked');
      }
      return undefined;
    }
    const admins = await this.keys
      .createQueryBuilder('k')
      .where(`'admin' = ANY(k.scopes)`)
      .andWhere('k.revoked_at IS NULL')
      .getCount();
    if (admins > 0) return undefined;
    const { key } = await this.create('bootstrap admin', ['admin'], 'bootstrap');
    return key;
  }
}
