import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';

const SECRET_NAME = 'public_tracking_grant_key';

/**
 * The key that signs verified-view grants (cookies) and merchants' signed links: derived from
 * `PUBLIC_TRACKING_SECRET` when set, otherwise generated once and kept in `app_secret` so that every
 * instance on the database shares it (the first instance to boot writes it; the others read it).
 */
@Injectable()
export class TrackingSecretStore implements OnModuleInit {
  private readonly logger = new Logger(TrackingSecretStore.name);
  private key?: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.key = await this.load();
  }

  /** The signing key (32 bytes). */
  get(): Buffer {
    if (!this.key) throw new Error('TrackingSecretStore used before the module was initialised');
    return this.key;
  }

  private async load(): Promise<Buffer> {
    // Derived rather than used as is, so that a secret shared with another system yields a key of our own.
    const derive = (secret: string) => createHash('sha256').update(`parcelwise/public-tracking/v1\u0000${secret}`).digest();
    if (this.config.PUBLIC_TRACKING_SECRET) return derive(this.config.PUBLIC_TRACKING_SECRET);
    this.logger.warn('PUBLIC_TRACKING_SECRET is not set: verified-view cookies and signed links use a key generated once and kept in the database; set the variable in production');
    await this.db.query(`INSERT INTO app_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [SECRET_NAME, randomBytes(32).toString('base64url')]);
    const rows: { value: string }[] = await this.db.query(`SELECT value FROM app_secret WHERE name = $1`, [SECRET_NAME]);
    return derive(rows[0].value);
  }
}
