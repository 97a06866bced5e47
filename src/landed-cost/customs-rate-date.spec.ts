import { customsRateDate } from './customs-rate-date';

describe('customsRateDate', () => {
  it.each([
    ['date', '2026-11-27', '2026-11-27'],
    ['previous_day', '2026-11-01', '2026-10-31'],
    // October 2026 Wednesdays: 7, 14, 21, 28: the penultimate is the 21st.
    ['ecb_penultimate_wednesday', '2026-11-27', '2026-10-21'],
    ['ecb_penultimate_wednesday', '2026-01-05', '2025-12-24'],
    // October 2026 Thursdays: 1, 8, 15, 22, 29: the penultimate is the 22nd.
    ['hmrc_penultimate_thursday', '2026-11-27', '2026-10-22'],
    ['monthly_first_day', '2026-11-27', '2026-11-01'],
  ] as const)('%s for %s is %s', (method, date, expected) => {
    expect(customsRateDate(method, date)).toBe(expected);
  });
});
