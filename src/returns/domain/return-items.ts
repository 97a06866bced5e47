import type { Problem } from '../../tracking/domain/event-normalisation';

/** An item of the original shipment, as booked. */
export interface OriginalItem {
  sku?: string;
  description: string;
  hsCode: string;
  originCountry: string;
  quantity: number;
  unitValue: { amount: string; currency: string };
  unitWeightKg?: number;
}

/** What the caller asks to return: by SKU or by line of the original shipment. */
export interface RequestedItem {
  sku?: string;
  line?: number;
  quantity: number;
  reason?: string;
}

export interface ReturnItem extends OriginalItem {
  /** Line of the original shipment's items. */
  line: number;
  reason?: string;
}

/**
 * Matches requested items to the original shipment's lines and checks quantities against what was
 * shipped minus what earlier (not cancelled) returns already take back. Every problem is listed.
 */
export function resolveReturnItems(
  requested: RequestedItem[],
  original: OriginalItem[],
  alreadyReturned: Map<number, number>,
  path = 'items',
): { items: ReturnItem[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const items: ReturnItem[] = [];
  const taking = new Map<number, number>();
  requested.forEach((r, i) => {
    let line: number | undefined;
    if (r.line !== undefined) {
      if (r.line < 0 || r.line >= original.length) problems.push({ path: `${path}[${i}].line`, message: `the original shipment has ${original.length} item line(s)` });
      else line = r.line;
      if (line !== undefined && r.sku !== undefined && original[line].sku !== r.sku) {
        problems.push({ path: `${path}[${i}].sku`, message: `line ${line} is SKU "${original[line].sku ?? ''}"` });
        line = undefined;
      }
    } else if (r.sku !== undefined) {
      const found = original.findIndex((o) => o.sku === r.sku);
      if (found < 0) problems.push({ path: `${path}[${i}].sku`, message: `no item with SKU "${r.sku}" in the original shipment` });
      else line = found;
    } else {
      problems.push({ path: `${path}[${i}]`, message: 'give the item `sku` or its `line` in the original shipment' });
    }
    if (line === undefined) return;
    const total = (taking.get(line) ?? 0) + r.quantity;
    const available = original[line].quantity - (alreadyReturned.get(line) ?? 0);
    if (total > available) {
      problems.push({ path: `${path}[${i}].quantity`, message: `only ${Math.max(0, available)} of this item can still be returned` });
      return;
    }
    taking.set(line, total);
    items.push({ ...original[line], line, quantity: r.quantity, ...(r.reason ? { reason: r.reason } : {}) });
  });
  if (!requested.length) problems.push({ path, message: 'at least one item must be returned' });
  return { items, problems };
}
