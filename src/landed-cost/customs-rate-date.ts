import { DateTime } from 'luxon';
import type { CustomsRateRule } from './landed-cost-rules';

function nthLastWeekday(year: number, month: number, weekday: number, n: number): string {
  let d = DateTime.utc(year, month, 1).endOf('month').startOf('day');
  while (d.weekday !== weekday) d = d.minus({ days: 1 });
  return d.minus({ weeks: n - 1 }).toISODate()!;
}

/**
 * The day whose published rate customs converts at, per the destination's method. For monthly
 * methods the rate fixed in the previous month applies for the whole month (EU: the ECB rate of the
 * penultimate Wednesday, UCC IA Art. 146; UK: HMRC's rate set on the penultimate Thursday).
 */
export function customsRateDate(method: CustomsRateRule['method'], date: string): string {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  const prev = d.minus({ months: 1 });
  switch (method) {
    case 'date':
      return date;
    case 'previous_day':
      return d.minus({ days: 1 }).toISODate()!;
    case 'ecb_penultimate_wednesday':
      return nthLastWeekday(prev.year, prev.month, 3, 2);
    case 'hmrc_penultimate_thursday':
      return nthLastWeekday(prev.year, prev.month, 4, 2);
    case 'monthly_first_day':
      return d.startOf('month').toISODate()!;
  }
}
