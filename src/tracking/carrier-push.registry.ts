import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { CarrierAdapter } from '../carriers/carrier-adapter';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import type { CarrierDefinition } from '../carriers/carrier-definition';
import { AppConfig } from '../platform/config/app-config';
import type { CarrierPush, CarrierPushHandler, PushBatch, PushVerification } from './carrier-push';
import { SignedPushHandler } from './signed-push.handler';

/** What an API carrier adapter offers to take part in pushes (see UpsAdapter). */
interface PushCapableAdapter extends CarrierAdapter {
  verifyPush(headers: CarrierPush['headers'], rawBody?: Buffer, carrier?: CarrierDefinition): boolean;
  parsePush(carrier: CarrierDefinition, body: unknown): unknown;
}

function isPushCapable(a: CarrierAdapter): a is PushCapableAdapter {
  const x = a as Partial<PushCapableAdapter>;
  return typeof x.verifyPush === 'function' && typeof x.parsePush === 'function';
}

/**
 * Finds the push handler of a carrier: one registered explicitly, else its API adapter's own
 * `verifyPush`/`parsePush` (UPS Track Alert, FedEx `fdx-signature`), else Parcelwise's signed format
 * when a secret for the carrier is configured in CARRIER_WEBHOOK_SECRETS.
 */
@Injectable()
export class CarrierPushRegistry {
  private readonly explicit = new Map<string, CarrierPushHandler>();
  private readonly secrets: Map<string, string>;

  constructor(
    private readonly adapters: CarrierAdapterRegistry,
    private readonly config: AppConfig,
  ) {
    this.secrets = new Map(
      config.CARRIER_WEBHOOK_SECRETS.map((entry) => {
        const i = entry.indexOf('=');
        return [entry.slice(0, i), entry.slice(i + 1)] as [string, string];
      }),
    );
  }

  /** Registers a handler for a carrier id (overrides the adapter's and the signed format). */
  register(carrierId: string, handler: CarrierPushHandler): void {
    this.explicit.set(carrierId, handler);
  }

  handlerFor(carrier: CarrierDefinition): CarrierPushHandler | undefined {
    const explicit = this.explicit.get(carrier.id);
    if (explicit) return explicit;
    const adapter = this.adapters.has(carrier.adapter) ? this.adapters.get(carrier.adapter) : undefined;
    if (adapter && isPushCapable(adapter)) return adapterPushHandler(adapter);
    const secret = this.secrets.get(carrier.id);
    if (secret) return new SignedPushHandler(secret, this.config.CARRIER_WEBHOOK_TOLERANCE_SECONDS);
    return undefined;
  }
}

/**
 * Wraps an adapter's push methods. Schemes without a push id (UPS Track Alert sends none) are
 * deduplicated by a hash of the raw body, so a re-sent push is recognised.
 */
export function adapterPushHandler(adapter: PushCapableAdapter): CarrierPushHandler {
  return {
    verify(carrier: CarrierDefinition, push: CarrierPush): PushVerification {
      if (!adapter.verifyPush(push.headers, push.rawBody, carrier)) return { ok: false, reason: 'bad_signature' };
      return { ok: true, pushId: `sha256:${createHash('sha256').update(push.rawBody).digest('hex')}` };
    },
    parse(carrier: CarrierDefinition, body: unknown): PushBatch[] {
      const parsed = adapter.parsePush(carrier, body) as
        | (PushBatch['events'][number] & { trackingNumber: string })
        | Array<PushBatch['events'][number] & { trackingNumber: string }>;
      const list = Array.isArray(parsed) ? parsed : [parsed];
      const byNumber = new Map<string, PushBatch>();
      for (const { trackingNumber, ...event } of list) {
        const batch = byNumber.get(trackingNumber) ?? { trackingNumber, events: [] };
        batch.events.push(event);
        byNumber.set(trackingNumber, batch);
      }
      return [...byNumber.values()];
    },
  };
}
