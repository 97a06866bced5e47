import { Injectable } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppConfig } from '../platform/config/app-config';
import { ForbiddenTargetError, SsrfGuard } from './ssrf-guard';

export interface SendResult {
  status?: number;
  retryAfter?: string;
  /** Network failure, timeout or refused target, without secrets or bodies. */
  error?: string;
  durationMs: number;
}

/**
 * The one place outbound merchant webhooks leave the service: a POST with a timeout, no redirects,
 * a small response read, and sockets whose DNS answers go through the SSRF guard.
 */
@Injectable()
export class WebhookSender {
  private readonly client: AxiosInstance;

  constructor(
    private readonly config: AppConfig,
    private readonly guard: SsrfGuard,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: 50, lookup: guard.lookup } as http.AgentOptions;
    this.client = axios.create({
      timeout: config.WEBHOOK_TIMEOUT_MS,
      maxRedirects: 0,
      maxContentLength: 64 * 1024,
      responseType: 'text',
      validateStatus: () => true,
      proxy: false,
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
      transformResponse: [(d: unknown) => d],
    });
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = Date.now();
    try {
      // A literal IP skips DNS, so check it here; host names are checked in the socket lookup.
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(host)) await this.guard.assertPublic(host);
      const res = await this.client.post(url, body, { headers });
      const retryAfter = res.headers['retry-after'];
      return { status: res.status, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, durationMs: Date.now() - started };
    } catch (e) {
      return { error: describe(e), durationMs: Date.now() - started };
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof ForbiddenTargetError) return e.message;
  const err = e as { code?: string; message?: string; cause?: unknown };
  if (err.cause instanceof ForbiddenTargetError) return err.cause.message;
  if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 'timeout';
  return err.code ? `network error ${err.code}` : (err.message ?? 'network error').slice(0, 200);
}
