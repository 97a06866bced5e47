import type { CustomsFacts } from './public-tracking.facts';

interface StoredMoney {
  amount: string;
  currency: string;
}

interface StoredLine {
  component?: unknown;
  amount?: unknown;
  payer?: unknown;
  collectedAtSale?: unknown;
}

function moneyOf(value: unknown): StoredMoney | undefined {
  const m = value as { amount?: unknown; currency?: unknown } | null | undefined;
  return m && typeof m.amount === 'string' && typeof m.currency === 'string' && Number.isFinite(Number(m.amount)) ? { amount: m.amount, currency: m.currency } : undefined;
}

/**
 * The sum of decimal-string amounts at the minor units `like` is written in (`24.39` -> 2), computed
 * in integer minor units so that `0.1 + 0.2` stays `0.30`; undefined when a line is in another currency.
 */
function sumLines(lines: StoredLine[], like: StoredMoney): StoredMoney | undefined {
  const digits = like.amount.split('.')[1]?.length ?? 0;
  const scale = 10 ** digits;
  let minor = 0;
  for (const l of lines) {
    const m = moneyOf(l.amount);
    if (!m || m.currency !== like.currency) return undefined;
    minor += Math.round(Number(m.amount) * scale);
  }
  return { amount: (minor / scale).toFixed(digits), currency: like.currency };
}

/**
 * What customs charges at import for a booked shipment, from the duties and taxes stored with it (the
 * quote option's `dutiesAndTaxes`): with DAP what the recipient pays on delivery, with DDP what the
 * sender covers at import. Tax the seller collected at checkout (IOSS, UK VAT, VOEC, AU GST, SG OVR)
 * is never part of it: the buyer paid it with the order.
 *
 * Records booked before `dueOnDelivery` was stored are read from their lines (each names its payer
 * and whether it was collected at sale); a record with neither lines nor collection at sale is all
 * charged at import. Null when nothing usable is stored, or when tax was collected at sale but the
 * record cannot tell how much (then the amount due is unknown).
 */
export function dutiesAtImport(stored: unknown, incoterm: 'DDP' | 'DAP' | null): CustomsFacts['dutiesAndTaxes'] {
  const d = stored as { total?: unknown; dueOnDelivery?: unknown; collectedAtCheckout?: unknown; collectedAtSale?: unknown; confidence?: unknown; lines?: unknown } | null;
  const total = moneyOf(d?.total);
  if (!d || !total) return null;
  const estimate = d.confidence !== 'exact';
  const lines = Array.isArray(d.lines) ? (d.lines.filter((l) => l && typeof l === 'object') as StoredLine[]) : undefined;
  const atCheckout = moneyOf(d.collectedAtCheckout) ?? (lines && sumLines(lines.filter((l) => l.collectedAtSale === true), total));
  const collectedAtCheckout = atCheckout ? Number(atCheckout.amount) > 0 : d.collectedAtSale === true;

  let amount: StoredMoney | undefined;
  if (incoterm !== 'DDP') {
    // A line without a payer is from a record older than line payers: it is charged at import.
    amount = moneyOf(d.dueOnDelivery) ?? (lines && sumLines(lines.filter((l) => l.collectedAtSale !== true && l.payer !== 'sender'), total));
  } else if (lines) {
    // DDP: the sender's import charges (the carrier's DDP fee is its price for paying them, not one of them).
    amount = sumLines(lines.filter((l) => l.collectedAtSale !== true && l.component !== 'carrier_fee'), total);
  }
  if (!amount && d.collectedAtSale !== true) amount = total;
  if (!amount) return null;
  return { amount: amount.amount, currency: amount.currency, estimate, ...(collectedAtCheckout && { collectedAtCheckout: true }) };
}
