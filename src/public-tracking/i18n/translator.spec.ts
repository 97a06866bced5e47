import { CATALOGS, LANGUAGES } from './languages';
import { en, MessageKey } from './messages.en';
import { offsetName, Translator } from './translator';

describe('catalogs', () => {
  const keys = Object.keys(en) as MessageKey[];
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(LANGUAGES.map((l) => [l]))('%s has every key, no empty text, and the same placeholders as English', (language) => {
    const catalog = CATALOGS[language];
    expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(catalog[key].trim()).not.toBe('');
      expect({ key, p: placeholders(catalog[key]) }).toEqual({ key, p: placeholders(en[key]) });
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en').map((l) => [l]))('%s is translated (most texts differ from English)', (language) => {
    const same = keys.filter((k) => CATALOGS[language][k] === en[k] && !/^\{.*\}$/.test(en[k]) && !en[k].includes('×'));
    expect(same.length).toBeLessThan(keys.length * 0.05);
  });
});

describe('Translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const t = new Translator('de', 'de-DE');
    expect(t.t('progress.text', { step: 2, steps: 5, label: 'Unterwegs' })).toBe('Schritt 2 von 5: Unterwegs');
    expect(t.t('progress.text', { step: 2 })).toBe('Schritt 2 von {steps}: {label}');
    expect(t.maybe('status.delivered')).toBe('Zugestellt');
    expect(t.maybe('status.nonsense')).toBeUndefined();
  });

  it.each`
    language | locale     | local                    | offset | zone                   | text                            | zoneText
    ${'en'}  | ${'en-GB'} | ${'2026-11-27T14:05:00'} | ${60}  | ${'Europe/Berlin'}     | ${'Fri, 27 Nov 2026, 14:05'}    | ${'Central European Standard Time'}
    ${'de'}  | ${'de-DE'} | ${'2026-11-27T14:05:00'} | ${60}  | ${'Europe/Berlin'}     | ${'Fr., 27. Nov. 2026, 14:05'}  | ${'Mitteleuropäische Normalzeit'}
    ${'en'}  | ${'en-US'} | ${'2026-07-04T09:30:00'} | ${-240}| ${'America/New_York'}  | ${'Sat, Jul 4, 2026, 09:30 AM'} | ${'Eastern Daylight Time'}
    ${'zh'}  | ${'zh-CN'} | ${'2026-11-28T08:00:00'} | ${480} | ${'Asia/Shanghai'}     | ${'2026年11月28日周六 08:00'}   | ${'中国标准时间'}
    ${'fr'}  | ${'fr-FR'} | ${'2026-11-27T23:30:00'} | ${330} | ${null}                | ${'ven. 27 nov. 2026, 23:30'}   | ${'UTC+05:30'}
    ${'es'}  | ${'es-ES'} | ${'2026-11-27T23:30:00'} | ${null}| ${null}                | ${'vie, 27 nov 2026, 23:30'}    | ${'hora local (zona horaria no indicada)'}
  `('$language: $local at $zone/$offset is shown as local time with the zone named', ({ language, locale, local, offset, zone, text, zoneText }) => {
    const formatted = new Translator(language, locale).eventTime(local, offset, zone);
    expect(formatted.text.replace(/\u202f|\u00a0/g, ' ')).toBe(text);
    expect(formatted.zone).toBe(zoneText);
  });

  it('never shifts a wall time into the reader zone: the hour shown is the hour received', () => {
    const t = new Translator('en', 'en-GB');
    for (const [zone, offset] of [['Asia/Tokyo', 540], ['America/Los_Angeles', -480], ['Pacific/Kiritimati', 840]] as const) {
      expect(t.eventTime('2026-11-27T03:07:00', offset, zone).text).toContain('03:07');
    }
  });

  it('formats money with its own decimals and names countries in the reader language', () => {
    expect(new Translator('de', 'de-DE').money('23.40', 'EUR').replace(/\u00a0/g, ' ')).toBe('23,40 €');
    expect(new Translator('en', 'en-GB').money('1500', 'JPY')).toBe('JP¥1,500');
    expect(new Translator('fr', 'fr-FR').country('DE')).toBe('Allemagne');
    expect(new Translator('zh', 'zh-CN').country('US')).toBe('美国');
    expect(new Translator('en', 'en-GB').country(null)).toBeNull();
  });

  it('answers a repeated event time, zone or country exactly as the first time, each argument telling answers apart', () => {
    const t = new Translator('en', 'en-GB');
    const calls: [string, number | null, string | null][] = [
      ['2026-11-27T14:05:00', 60, 'Europe/Berlin'],
      ['2026-11-27T14:05:00', null, 'Europe/Berlin'],
      ['2026-11-27T14:05:00', 60, null],
      ['2026-11-27T14:05:00', null, null],
      ['2026-07-04T09:30:00', -240, 'America/New_York'],
      ['2026-11-27T14:05:00', 60, 'Not/AZone'],
      ['2026-11-27T14:05:00', 0, null],
      ['2026-11-27T14:05:00', 330, null],
    ];
    const first = calls.map(([local, offset, zone]) => ({ ...t.eventTime(local, offset, zone) }));
    expect(first[0].text).toBe('Fri, 27 Nov 2026, 14:05');
    // Other languages and locales never get this one's answers.
    expect(new Translator('de', 'de-DE').eventTime(...calls[3]).zone).toBe('Ortszeit (Zeitzone nicht gemeldet)');
    expect(new Translator('en', 'en-US').eventTime(...calls[0]).text.replace(/\u202f|\u00a0/g, ' ')).toBe('Fri, Nov 27, 2026, 02:05 PM');
    expect(first.map((f) => f.zone)).toEqual([
      'Central European Standard Time',
      'Central European Standard Time',
      'UTC+01:00',
      'local time (time zone not reported)',
      'Eastern Daylight Time',
      'UTC+01:00',
      'UTC',
      'UTC+05:30',
    ]);
    for (let round = 0; round < 3; round++) {
      expect(calls.map(([local, offset, zone]) => ({ ...t.eventTime(local, offset, zone) }))).toEqual(first);
    }
    expect(calls.map(([local, offset, zone]) => ({ ...new Translator('en', 'en-GB').eventTime(local, offset, zone) }))).toEqual(first);
    expect([t.country('CH'), t.country('ch'), t.country('CH'), t.country('XX1')]).toEqual(['Switzerland', 'Switzerland', 'Switzerland', 'XX1']);
    expect(new Translator('fr', 'fr-FR').country('CH')).toBe('Suisse');
    expect([t.date('2026-12-01'), t.date('2026-12-01T10:00:00'), t.date('2026-12-01'), t.date('soon')]).toEqual(['Tue 1 Dec', 'Tue 1 Dec', 'Tue 1 Dec', 'soon']);
    expect([t.t('delivery.heading'), t.t('delivery.heading')]).toEqual([en['delivery.heading'], en['delivery.heading']]);
  });

  it('keeps answering right when more distinct times are asked than it remembers', () => {
    const t = new Translator('de', 'de-DE');
    const fresh = new Translator('de', 'de-DE');
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().slice(0, 19);
    const expected = [0, 10_500, 20_999].map((i) => ({ ...fresh.eventTime(at(i), 60, 'Europe/Berlin') }));
    expect(expected.map((e) => e.text.replace(/\u202f|\u00a0/g, ' '))).toEqual(['Do., 1. Jan. 2026, 00:00', 'Do., 8. Jan. 2026, 07:00', 'Do., 15. Jan. 2026, 13:59']);
    for (let i = 0; i < 21_000; i++) t.eventTime(at(i), 60, 'Europe/Berlin');
    expect([0, 10_500, 20_999].map((i) => ({ ...t.eventTime(at(i), 60, 'Europe/Berlin') }))).toEqual(expected);
  });

  it.each([
    [0, 'UTC'],
    [60, 'UTC+01:00'],
    [-300, 'UTC-05:00'],
    [345, 'UTC+05:45'],
  ])('offsetName(%d) = %s', (minutes, name) => {
    expect(offsetName(minutes)).toBe(name);
  });
});
