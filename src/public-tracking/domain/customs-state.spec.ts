import { customsStateOf, dutiesOf } from './customs-state';
import type { CustomsFacts, EventFacts } from './public-tracking.facts';

const ev = (status: EventFacts['status'], substatus: string | null = null): EventFacts => ({
  status,
  substatus,
  actionRequired: false,
  description: '',
  publicDescription: null,
  occurredAt: '2026-11-27T10:00:00+01:00',
  local: '2026-11-27T10:00:00',
  utcOffsetMinutes: 60,
  timeZone: 'Europe/Berlin',
  city: null,
  country: null,
});
const intl = (incoterm: CustomsFacts['incoterm'], amount: string | null, estimate = true, collectedAtCheckout = false): CustomsFacts => ({
  required: true,
  incoterm,
  dutiesAndTaxes: amount === null ? null : { amount, currency: 'EUR', estimate, ...(collectedAtCheckout && { collectedAtCheckout }) },
});

describe('customsStateOf', () => {
  it.each`
    customs                      | status                | events                                                                | state
    ${{ required: false }}       | ${'in_transit'}       | ${[ev('in_transit')]}                                                  | ${'not_required'}
    ${{ required: true }}        | ${'in_transit'}       | ${[ev('in_transit')]}                                                  | ${'pending'}
    ${{ required: true }}        | ${'customs'}          | ${[ev('in_transit'), ev('customs', 'customs.clearance_started')]}      | ${'in_progress'}
    ${{ required: true }}        | ${'customs'}          | ${[ev('customs', 'customs.duties_due')]}                               | ${'duties_due'}
    ${{ required: true }}        | ${'customs'}          | ${[ev('customs', 'customs.information_required')]}                     | ${'information_required'}
    ${{ required: true }}        | ${'customs'}          | ${[ev('customs', 'customs.inspection_hold')]}                          | ${'inspection_hold'}
    ${{ required: true }}        | ${'in_transit'}       | ${[ev('customs', 'customs.duties_due'), ev('customs', 'customs.cleared'), ev('in_transit')]} | ${'cleared'}
    ${{ required: true }}        | ${'out_for_delivery'} | ${[ev('customs', 'customs.duties_due'), ev('out_for_delivery')]}       | ${'cleared'}
    ${{ required: true }}        | ${'delivered'}        | ${[ev('in_transit'), ev('delivered')]}                                 | ${'cleared'}
    ${{ required: false }}       | ${'customs'}          | ${[ev('customs', 'customs.clearance_started')]}                        | ${'in_progress'}
  `('$status with $events.length events -> $state', ({ customs, status, events, state }) => {
    expect(customsStateOf({ incoterm: null, dutiesAndTaxes: null, ...customs }, status, events)).toBe(state);
  });
});

describe('dutiesOf', () => {
  it.each`
    customs                                             | state             | payer          | due      | amount     | kind
    ${intl('DDP', '23.40')}                             | ${'pending'}      | ${'sender'}    | ${false} | ${null}    | ${'prepaid'}
    ${intl('DAP', '23.40')}                             | ${'pending'}      | ${'recipient'} | ${true}  | ${'23.40'} | ${'dueEstimate'}
    ${intl('DAP', '23.40', false)}                      | ${'in_progress'}  | ${'recipient'} | ${true}  | ${'23.40'} | ${'due'}
    ${intl('DAP', '0.00')}                              | ${'pending'}      | ${null}        | ${false} | ${null}    | ${'none'}
    ${intl('DAP', '0.00', false, true)}                 | ${'pending'}      | ${'sender'}    | ${false} | ${null}    | ${'collectedAtCheckout'}
    ${intl('DAP', '0.00', false, true)}                 | ${'cleared'}      | ${'sender'}    | ${false} | ${null}    | ${'collectedAtCheckout'}
    ${intl('DAP', '6.00', true, true)}                  | ${'pending'}      | ${'recipient'} | ${true}  | ${'6.00'}  | ${'dueEstimate'}
    ${intl('DAP', '0.00', false, true)}                 | ${'duties_due'}   | ${'recipient'} | ${true}  | ${null}    | ${null}
    ${intl('DAP', null)}                                | ${'pending'}      | ${'recipient'} | ${true}  | ${null}    | ${'dueUnknown'}
    ${intl('DDP', '10.00')}                             | ${'duties_due'}   | ${'recipient'} | ${true}  | ${'10.00'} | ${'dueEstimate'}
    ${intl('DAP', null)}                                | ${'duties_due'}   | ${'recipient'} | ${true}  | ${null}    | ${null}
    ${intl(null, null)}                                 | ${'pending'}      | ${null}        | ${false} | ${null}    | ${null}
    ${{ required: false, incoterm: 'DAP', dutiesAndTaxes: null }} | ${'not_required'} | ${null} | ${false} | ${null}  | ${null}
  `('$customs.incoterm $customs.dutiesAndTaxes.amount in state $state -> $kind', ({ customs, state, payer, due, amount, kind }) => {
    const d = dutiesOf(customs, state);
    expect({ payer: d.payer, due: d.due, amount: d.amount?.amount ?? null, kind: d.kind }).toEqual({ payer, due, amount, kind });
  });
});
