import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Receipt {
  webhookId: string;
  body: string;
  /** The parsed Standard Webhooks envelope. */
  event: { type: string; data: Record<string, any> };
  receivedAt: number;
}

/**
 * A merchant webhook endpoint that takes its time to answer (`delayMs`), so that a test can kill the
 * sender while deliveries are in flight. Records every request, answered or not.
 */
export class SlowReceiver {
  readonly receipts: Receipt[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(public delayMs: number) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let event: Receipt['event'] = { type: 'unparsable', data: {} };
        try {
          event = JSON.parse(body) as Receipt['event'];
        } catch {
          /* recorded as unparsable */
        }
        this.receipts.push({ webhookId: String(req.headers['webhook-id'] ?? ''), body, event, receivedAt: Date.now() });
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        }, this.delayMs);
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** Webhook ids seen per key (e.g. tracking number and event type). */
  idsBy(key: (r: Receipt) => string): Map<string, Set<string>> {
    const map = new Map<string, Set<string>>();
    for (const r of this.receipts) map.set(key(r), (map.get(key(r)) ?? new Set()).add(r.webhookId));
    return map;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
