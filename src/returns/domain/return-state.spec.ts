import { canMove, RETURN_STATES, stateFromTracking, type ReturnState } from './return-state';
import type { TrackingStatus } from '../../tracking/domain/tracking-status';

describe('return states', () => {
  it.each<[ReturnState, ReturnState, boolean]>([
    ['requested', 'label_issued', true],
    ['label_issued', 'in_transit', true],
    ['in_transit', 'delivered_to_merchant', true],
    ['delivered_to_merchant', 'received', true],
    ['received', 'closed', true],
    ['label_issued', 'cancelled', true],
    ['in_transit', 'cancelled', false],
    ['closed', 'received', false],
    ['cancelled', 'label_issued', false],
    ['expired', 'in_transit', true],
    ['received', 'in_transit', false],
  ])('%s -> %s: %s', (from, to, ok) => {
    expect(canMove(from, to)).toBe(ok);
  });

  it('closed and cancelled are final', () => {
    for (const to of RETURN_STATES) {
      expect(canMove('closed', to)).toBe(false);
      expect(canMove('cancelled', to)).toBe(false);
    }
  });

  it.each<[ReturnState, TrackingStatus, ReturnState | undefined]>([
    ['label_issued', 'label_created', undefined],
    ['label_issued', 'in_transit', 'in_transit'],
    ['label_issued', 'customs', 'in_transit'],
    ['in_transit', 'out_for_delivery', undefined],
    ['in_transit', 'delivered', 'delivered_to_merchant'],
    ['label_issued', 'delivered', 'delivered_to_merchant'],
    ['label_issued', 'cancelled', 'cancelled'],
    ['in_transit', 'cancelled', undefined],
    ['received', 'delivered', undefined],
    ['expired', 'in_transit', 'in_transit'],
  ])('%s + tracking %s -> %s', (current, status, expected) => {
    expect(stateFromTracking(current, status)).toBe(expected);
  });
});
