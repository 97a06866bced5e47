import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { ServiceProcess } from '../../support/process-harness';

export const ADMIN_KEY = `pw_resilience_admin_${randomBytes(12).toString('hex')}`;

/** Job cadence and webhook retries short enough for a test to watch them happen. */
export const FAST_JOBS = {
  JOBS_POLL_INTERVAL_SECONDS: '0.5',
  // Jobs a dead worker (or a lost database session) left active are found within seconds of their expiry.
  JOBS_MAINTENANCE_INTERVAL_SECONDS: '5',
  WEBHOOK_RETRY_SCHEDULE_SECONDS: '0,1,2,3,5,5,10,10,10,10',
  WEBHOOK_TIMEOUT_MS: '5000',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost',
};

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Creates an API key through the admin API of a running service and returns its value. */
export async function createKey(svc: ServiceProcess, scopes: string[], name = `resilience ${scopes.join('+')}`): Promise<{ id: string; key: string }> {
  const res = await fetch(`${svc.url}/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(svc.options.adminKey) },
    body: JSON.stringify({ name, scopes }),
  });
  const body = (await res.json()) as { id: string; key: string };
  if (res.status !== 201) throw new Error(`creating a key: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Registers a merchant webhook endpoint; returns its id and signing secret. */
export async function registerEndpoint(svc: ServiceProcess, url: string, events: string[] = ['*']): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${svc.url}/v1/webhook-endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(svc.options.adminKey) },
    body: JSON.stringify({ url, events }),
  });
  const body = (await res.json()) as { id: string; secret: string };
  if (res.status !== 201) throw new Error(`registering a webhook endpoint: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** JSON request to a running service; throws on a status other than `expect`. */
export async function call<T = any>(svc: ServiceProcess, method: string, path: string, key: string, body?: unknown, expect = 200, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...bearer(key), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path}: expected ${expect}, got ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A one-statement SQL helper on a test database (a fresh connection per call, so it works across
 * service restarts and never holds a session the service might wait for).
 */
export function sqlOn(url: () => string) {
  return async <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: url() });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
}
