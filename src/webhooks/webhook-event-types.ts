/**
 * Events a merchant endpoint can subscribe to (`*` subscribes to all, including types added later).
 * Payloads follow the Standard Webhooks envelope `{ type, timestamp, data }`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'shipment.status_changed',
  'shipment.delivered',
  'shipment.exception',
  'shipment.action_required',
  'shipment.returned_to_sender',
  'shipment.edd_changed',
  'return.created',
  'return.updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_SELECTORS: readonly string[] = ['*', ...WEBHOOK_EVENT_TYPES];
