import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { newId } from '../platform/ids/new-id';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import type { WebhookAttemptView, WebhookDeliveryView } from './webhook-endpoint.dto';
import { ForbiddenTargetError, SsrfGuard } from './ssrf-guard';
import { newWebhookSecret } from './webhook-signature';
import { JobQueue } from '../platform/jobs/job-queue';
import { deliveryJobOptions, WEBHOOK_DELIVERY_QUEUE } from './webhook-outbox.service';

const PAGE = 50;

/** Registers merchant endpoints and answers what was delivered to them. */
@Injectable()
export class WebhookEndpointService {
  constructor(
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly guard: SsrfGuard,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async create(input: { url: string; events: string[]; description?: string }): Promise<{ entity: WebhookEndpointEntity; secret: string }> {
    const url = await this.checkTarget(input.url);
    const secret = newWebhookSecret();
    const now = this.clock.now();
    const entity = this.endpoints.create({
      id: newId('wep'),
      url,
      description: input.description ?? null,
      events: input.events,
      secret,
      previousSecret: null,
      previousSecretExpiresAt: null,
      status: 'enabled',
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await this.endpoints.insert(entity);
    return { entity, secret };
  }

  list(): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<WebhookEndpointEntity> {
    const e = await this.endpoints.findOne({ where: { id, deletedAt: IsNull() } });
    if (!e) throw AppError.notFound('Webhook endpoint');
    return e;
  }

  /** Removes the endpoint; deliveries still pending are cancelled, past ones stay readable. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [, affected] = (await tx.query(`UPDATE webhook_endpoint SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL`, [id, this.clock.now()])) as [unknown, number];
      if (!affected) throw AppError.notFound('Webhook endpoint');
      await tx.query(`UPDATE webhook_delivery SET status = 'cancelled', completed_at = $2, next_attempt_at = NULL WHERE endpoint_id = $1 AND status = 'pending'`, [id, this.clock.now()]);
    });
  }

  /** Enables an endpoint again (after a 410 or an outage); deliveries that failed are not replayed. */
  async enable(id: string): Promise<WebhookEndpointEntity> {
    const e = await this.get(id);
    await this.checkTarget(e.url);
    await this.endpoints.update({ id }, { status: 'enabled', disabledReason: null, updatedAt: this.clock.now() });
    return this.get(id);
  }

  /**
   * Replaces the signing secret. For `graceHours` deliveries carry two signatures (new and old, the
   * header is space-separated per Standard Webhooks), so the merchant can switch without losing any.
   */
  async rotateSecret(id: string, graceHours = 24): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    const e = await this.get(id);
    const secret = newWebhookSecret();
    const expires = new Date(this.clock.now().getTime() + graceHours * 3_600_000);
    await this.endpoints.update({ id }, { secret, previousSecret: e.secret, previousSecretExpiresAt: expires, updatedAt: this.clock.now() });
    return { secret, previousSecretExpiresAt: expires.toISOString() };
  }

  /** Sends a failed or cancelled delivery once more (same webhook-id), e.g. after the merchant fixed the endpoint. */
  async retryDelivery(id: string): Promise<WebhookDeliveryView> {
    await this.db.transaction(async (tx) => {
      const rows: { status: string; endpoint_status: string; deleted_at: Date | null }[] = await tx.query(
        `SELECT d.status, ep.status AS endpoint_status, ep.deleted_at FROM webhook_delivery d JOIN webhook_endpoint ep ON ep.id = d.endpoint_id WHERE d.id = $1 FOR UPDATE OF d`,
        [id],
      );
      const d = rows[0];
      if (!d) throw AppError.notFound('Webhook delivery');
      if (d.deleted_at || d.endpoint_status !== 'enabled') throw AppError.conflict('ENDPOINT_DISABLED', 'Enable the endpoint before retrying its deliveries');
      if (d.status === 'pending') return;
      if (d.status === 'succeeded') throw AppError.conflict('ALREADY_DELIVERED', 'This delivery succeeded; nothing to retry');
      await tx.query(`UPDATE webhook_delivery SET status = 'pending', next_attempt_at = $2, completed_at = NULL, lease_until = NULL WHERE id = $1`, [id, this.clock.now()]);
      await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId: id }, deliveryJobOptions(0), tx);
    });
    return this.delivery(id);
  }

  async deliveries(endpointId: string, query: { status?: string; cursor?: string }): Promise<{ data: WebhookDeliveryView[]; nextCursor: string | null }> {
    await this.get(endpointId);
    const params: unknown[] = [endpointId];
    let where = 'd.endpoint_id = $1';
    if (query.status) {
      params.push(query.status);
      where += ` AND d.status = $${params.length}`;
    }
    if (query.cursor) {
      params.push(query.cursor);
      where += ` AND d.id < $${params.length}`;
    }
    const rows: DeliveryRow[] = await this.db.query(
      `SELECT d.*, e.type AS event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
        WHERE ${where} ORDER BY d.id DESC LIMIT ${PAGE + 1}`,
      params,
    );
    const page = rows.slice(0, PAGE);
    const attempts = await this.attemptsOf(page.map((r) => r.id));
    return {
      data: page.map((r) => deliveryView(r, attempts.get(r.id) ?? [])),
      nextCursor: rows.length > PAGE ? page[page.length - 1].id : null,
    };
  }

  async delivery(id: string): Promise<WebhookDeliveryView> {
    const rows: DeliveryRow[] = await this.db.query(
      `SELECT d.*, e.type AS event_type FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id WHERE d.id = $1`,
      [id],
    );
    if (!rows[0]) throw AppError.notFound('Webhook delivery');
    const attempts = await this.attemptsOf([id]);
    return deliveryView(rows[0], attempts.get(id) ?? []);
  }

  private async attemptsOf(ids: string[]): Promise<Map<string, WebhookAttemptView[]>> {
    const map = new Map<string, WebhookAttemptView[]>();
    if (!ids.length) return map;
    const rows: AttemptRow[] = await this.db.query(`SELECT * FROM webhook_attempt WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt`, [ids]);
    for (const r of rows) {
      const list = map.get(r.delivery_id) ?? [];
      list.push({
        attempt: r.attempt,
        startedAt: new Date(r.started_at).toISOString(),
        durationMs: r.duration_ms,
        statusCode: r.status_code,
        error: r.error,
        outcome: r.outcome,
        nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
      });
      map.set(r.delivery_id, list);
    }
    return map;
  }

  /** Validates a target URL: http(s), no credentials, HTTPS unless allow-listed, and resolving to public addresses only. */
  private async checkTarget(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw AppError.validation([{ path: 'url', message: 'must be an absolute http(s) URL' }]);
    }
    const problems: { path: string; message: string }[] = [];
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push({ path: 'url', message: 'must use https' });
    if (url.username || url.password) problems.push({ path: 'url', message: 'must not carry credentials; use the signing secret to authenticate deliveries' });
    if (url.protocol === 'http:' && !this.guard.isAllowListed(url.hostname)) problems.push({ path: 'url', message: 'must use https (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS)' });
    if (problems.length) throw AppError.validation(problems);
    try {
      await this.guard.assertPublic(url.hostname);
    } catch (e) {
      if (e instanceof ForbiddenTargetError) throw AppError.validation([{ path: 'url', message: e.message }], 'The webhook target is not allowed');
      throw AppError.validation([{ path: 'url', message: `the host cannot be resolved (${(e as { code?: string }).code ?? 'DNS error'})` }]);
    }
    return url.toString();
  }
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  status: string;
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  outcome: string;
  next_attempt_at: Date | null;
}

function deliveryView(r: DeliveryRow, attempts: WebhookAttemptView[]): WebhookDeliveryView {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    endpointId: r.endpoint_id,
    status: r.status,
    attemptCount: r.attempt_count,
    nextAttemptAt: r.status === 'pending' && r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    attempts,
  };
}
