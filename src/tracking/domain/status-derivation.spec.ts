import { deriveStatus } from './status-derivation';
import { STATUS_RANK, type TrackingStatus } from './tracking-status';
import type { TimelineEvent, EventSource } from './timeline-event';

let seq = 0;
function ev(status: TrackingStatus, minute: number, substatus?: string, source: EventSource = 'api', extra: Partial<TimelineEvent> = {}): TimelineEvent {
  const at = new Date(Date.UTC(2026, 10, 20, 8, minute));
  return {
    key: `k${++seq}`,
    status,
    substatus: substatus ? `${status}.${substatus}` : undefined,
    actionRequired: false,
    rank: STATUS_RANK[status],
    description: status,
    source,
    sortAt: at,
    utc: at,
    local: at.toISOString().slice(0, 19),
    utcOffsetMinutes: 0,
    zoneSource: 'carrier_offset',
    ...extra,
  };
}

describe('deriveStatus', () => {
  it.each<[string, TimelineEvent[], TrackingStatus, string | null, boolean, string[]]>([
    ['no events', [], 'unknown', null, false, []],
    ['only unmapped codes', [ev('unknown', 1, 'unmapped_code')], 'unknown', 'unknown.unmapped_code', false, []],
    ['latest event wins', [ev('label_created', 1), ev('in_transit', 2, 'picked_up'), ev('customs', 3, 'clearance_started')], 'customs', 'customs.clearance_started', false, []],
    ['unmapped code does not change the status', [ev('in_transit', 1), ev('unknown', 2)], 'in_transit', null, false, []],
    ['delivered is sticky against later movement', [ev('out_for_delivery', 1), ev('delivered', 2), ev('in_transit', 3)], 'delivered', null, true, ['ignored_after_terminal']],
    ['carrier correction after delivery: refused', [ev('delivered', 1), ev('return_to_sender', 2, 'initiated')], 'return_to_sender', 'return_to_sender.initiated', false, ['correction']],
    ['carrier correction after delivery: lost', [ev('delivered', 1), ev('exception', 2, 'lost')], 'exception', 'exception.lost', false, ['correction']],
    ['a warehouse scan cannot correct a delivery', [ev('delivered', 1), ev('exception', 2, 'damaged', 'scan')], 'delivered', null, true, ['ignored_after_terminal']],
    ['voided label scanned anyway', [ev('cancelled', 1, 'label_voided'), ev('in_transit', 2, 'picked_up')], 'in_transit', 'in_transit.picked_up', false, ['correction']],
    ['returned to sender is terminal', [ev('return_to_sender', 1, 'returned'), ev('in_transit', 2)], 'return_to_sender', 'return_to_sender.returned', true, ['ignored_after_terminal']],
    ['info received after pickup does not move back', [ev('in_transit', 1, 'picked_up'), ev('label_created', 2, 'info_received')], 'in_transit', 'in_transit.picked_up', false, ['ignored_pre_transit']],
    ['back to depot after a failed attempt is a recorded regression', [ev('out_for_delivery', 1), ev('delivery_attempted', 2, 'recipient_unavailable'), ev('in_transit', 3, 'arrived_facility')], 'in_transit', 'in_transit.arrived_facility', false, ['regression', 'regression']],
    ['customs: duties due', [ev('in_transit', 1), ev('customs', 2, 'duties_due', 'api', { actionRequired: true, reason: 'customs_duties_unpaid' })], 'customs', 'customs.duties_due', false, []],
  ])('%s', (_c, events, status, substatus, terminal, notes) => {
    const d = deriveStatus(events);
    expect(d.status).toBe(status);
    expect(d.substatus).toBe(substatus);
    expect(d.terminal).toBe(terminal);
    expect(d.notes.map((n) => n.kind)).toEqual(notes);
  });

  it('a voided label that moves anyway needs the merchant from then on, even once delivered', () => {
    expect(deriveStatus([ev('cancelled', 1, 'label_voided'), ev('in_transit', 2, 'picked_up')]).actionRequired).toBe(true);
    expect(deriveStatus([ev('cancelled', 1, 'label_voided'), ev('in_transit', 2, 'picked_up'), ev('delivered', 3)]).actionRequired).toBe(true);
    // A void after movement, or a label that never moves, needs nobody.
    expect(deriveStatus([ev('label_created', 1), ev('cancelled', 2, 'label_voided')]).actionRequired).toBe(false);
  });

  it('carries reason and action-required from the status event', () => {
    const d = deriveStatus([ev('customs', 2, 'duties_due', 'api', { actionRequired: true, reason: 'customs_duties_unpaid' })]);
    expect(d).toMatchObject({ reason: 'customs_duties_unpaid', actionRequired: true });
  });
});
