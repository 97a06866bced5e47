import { normalisePlace, TimeZoneTable } from './time-zone-table';

const table = new TimeZoneTable([
  { country: 'DE', zone: 'Europe/Berlin', regions: [], cities: ['Berlin'] },
  { country: 'DE', zone: 'Europe/Busingen', regions: [], cities: ['Busingen'] },
  { country: 'US', zone: 'America/New_York', regions: ['NY'], cities: ['New York'] },
  { country: 'US', zone: 'America/Chicago', regions: ['IL'], cities: ['Chicago'] },
  { country: 'BR', zone: 'America/Sao_Paulo', regions: ['SP'], cities: ['Sao Paulo'] },
  { country: 'BR', zone: 'America/Manaus', regions: ['AM'], cities: ['Manaus'] },
]);

describe('TimeZoneTable', () => {
  it.each([
    [{ country: 'DE' }, 'Europe/Berlin'],
    [{ country: 'de', city: 'Anywhere' }, 'Europe/Berlin'],
    [{ country: 'US', region: 'il' }, 'America/Chicago'],
    [{ country: 'US', region: 'US-NY' }, 'America/New_York'],
    [{ country: 'US', city: 'new  york' }, 'America/New_York'],
    [{ country: 'BR', city: 'SÃO PAULO' }, 'America/Sao_Paulo'],
    [{ country: 'US' }, undefined],
    [{ country: 'US', city: 'Springfield' }, undefined],
    [{ country: 'XX' }, undefined],
    [undefined, undefined],
  ])('%j -> %s', (place, zone) => {
    expect(table.zoneFor(place)).toBe(zone);
  });

  it('normalises place names', () => {
    expect(normalisePlace('  Köln-Porz ')).toBe('koln porz');
  });
});
