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
  /**
   * Keys checked within API_KEY_CACHE_SECONDS, by hash: a checkout sends its key with every quote, and
   * the lookup cost about 0.17 ms of service CPU (and a database round trip) per request. Only valid
   * keys are kept, so a key created on another instance works here at once.
   */
  private readonly recent = new Map<string, { principal: Principal; until: number }>();
  private static readonly RECENT_MAX = 10_000;
  /** Counts revocations here: a lookup that overlapped one does not remember what it read. */
  private revocations = 0;

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
    this.revocations++;
    this.forget(id);
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    // A lookup may have read the row before the update committed: forget the key again.
    this.revocations++;
    this.forget(id);
    if (!result.affected) {
      const exists = await this.keys.existsBy({ id });
      if (!exists) throw AppError.notFound('API key');
    }
  }

  /** Resolves a presented key to its principal, or undefined when it is unknown or revoked. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const hash = hashKey(presented);
    const now = this.clock.now().getTime();
    const cached = this.recent.get(hash);
    let principal: Principal;
    if (cached && cached.until > now) {
      principal = cached.principal;
    } else {
      const revocationsBefore = this.revocations;
      // A prepared statement skips TypeORM's query building and planning.
      const [row] = await preparedQuery<{ id: string; name: string; scopes: Scope[] }>(
        this.keys.manager.connection,
        'api-key-authenticate',
        'SELECT id, name, scopes FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL',
        [hash],
      );
      if (!row) {
        this.recent.delete(hash);
        return undefined;
      }
      principal = { keyId: row.id, name: row.name, scopes: row.scopes };
      // Read while a key was being revoked here: answered, but not remembered (it may be that key).
      if (revocationsBefore === this.revocations) this.remember(hash, principal, now);
    }
    if ((this.touched.get(principal.keyId) ?? 0) < now - 60_000) {
      this.touched.set(principal.keyId, now);
      void this.keys.update({ id: principal.keyId }, { lastUsedAt: new Date(now) }).catch(() => undefined);
    }
    return principal;
  }

  private forget(keyId: string): void {
    for (const [hash, entry] of this.recent) if (entry.principal.keyId === keyId) this.recent.delete(hash);
  }

  private remember(hash: string, principal: Principal, now: number): void {
    const seconds = this.config.API_KEY_CACHE_SECONDS;
    if (seconds <= 0) return;
    if (this.recent.size >= ApiKeyService.RECENT_MAX) this.recent.clear();
    this.recent.set(hash, { principal, until: now + seconds * 1000 });
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
