import type { CustomsRateRule } from './landed-cost-rules';

const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The `n`th last `weekday` (0 = Sunday ... 6 = Saturday) of a month (`month` 0-11, may be -1 for December before). */
function nthLastWeekday(year: number, month: number, weekday: number, n: number): string {
  const last = Date.UTC(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return iso(last - (back + 7 * (n - 1)) * DAY_MS);
}

/**
 * The day whose published rate customs converts at, per the destination's method. For monthly
 * methods the rate fixed in the previous month applies for the whole month (EU: the ECB rate of the
 * penultimate Wednesday, UCC IA Art. 146; UK: HMRC's rate set on the penultimate Thursday).
 *
 * Plain UTC day arithmetic: this runs for every estimate (five per quote), where a date library's
 * parsing cost more than the rest of the currency work.
 */
export function customsRateDate(method: CustomsRateRule['method'], date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  switch (method) {
    case 'date':
      return date;
    case 'previous_day':
      return iso(Date.UTC(year, month, Number(date.slice(8, 10))) - DAY_MS);
    case 'ecb_penultimate_wednesday':
      return nthLastWeekday(year, month - 1, 3, 2);
    case 'hmrc_penultimate_thursday':
      return nthLastWeekday(year, month - 1, 4, 2);
    case 'monthly_first_day':
      return `${date.slice(0, 7)}-01`;
  }
}
