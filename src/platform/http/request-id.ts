import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The request id: the caller's `X-Request-Id` when it is a sane token (so ids can be followed across
 * systems), else a fresh UUID. Stored on the raw request too so that the HTTP logger uses the same id.
 */
export function genRequestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{8,100}$/.test(given) ? given : randomUUID();
  (req as IncomingMessage & { requestId?: string }).requestId = id;
  return id;
}
