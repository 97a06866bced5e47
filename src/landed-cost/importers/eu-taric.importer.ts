import { parse } from 'csv-parse/sync';
import { parseDutyExpression } from '../duty-expression';
import { isoDay, trimCode, type ImportedLine, type ImportResult } from './imported-line';

const ERGA_OMNES = '1011';
const THIRD_COUNTRY_DUTY = '103';
const PREFERENCES = new Set(['142', '145']);

function pick(row: Record<string, string>, ...names: string[]): string {
  for (const [k, v] of Object.entries(row)) {
    const key = k.toLowerCase().replace(/[^a-z]/g, '');
    if (names.includes(key)) return (v ?? '').trim();
  }
  return '';
}

/**
 * Reads the "Duties" sheet of the EU TARIC monthly extraction, saved as CSV (comma or semicolon):
 * third-country duties (measure type 103, erga omnes) become general lines, tariff preferences (142,
 * 145) for single countries preferential lines. Column names are matched loosely ("Goods code",
 * "Measure type code", "Origin code", "Duty", "Start date", "End date").
 */
export function importEuTaric(text: string): ImportResult {
  const delimiter = (text.split(/\r?\n/)[0].match(/;/g)?.length ?? 0) > (text.split(/\r?\n/)[0].match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parse(text, { columns: true, delimiter, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const lines: ImportedLine[] = [];
  const warnings: string[] = [];
  let skipped = 0;
  for (const row of rows) {
    const code = trimCode(pick(row, 'goodscode', 'goodsnomenclaturecode', 'nomenclaturecode', 'cncode'));
    const type = pick(row, 'measuretypecode', 'measuretype').slice(0, 3);
    const origin = pick(row, 'origincode', 'geographicalareacode', 'geographicalarea', 'origin');
    const duty = pick(row, 'duty', 'dutyexpression');
    const validFrom = isoDay(pick(row, 'startdate', 'validitystartdate', 'measurestartdate'));
    const validTo = isoDay(pick(row, 'enddate', 'validityenddate', 'measureenddate'));
    if (!code || code.length < 6 || !validFrom) {
      skipped++;
      continue;
    }
    const isGeneral = type === THIRD_COUNTRY_DUTY && origin === ERGA_OMNES;
    const isPreference = PREFERENCES.has(type) && /^[A-Z]{2}$/.test(origin);
    if (!isGeneral && !isPreference) continue;
    const expression = duty.replace(/\s+/g, ' ');
    try {
      parseDutyExpression(expression);
    } catch {
      skipped++;
      if (warnings.length < 50) warnings.push(`${code}: duty "${duty}" is not an expression`);
      continue;
    }
    lines.push({ code, expression, validFrom, validTo, origins: isPreference ? [origin] : [], program: isPreference ? `TARIC measure ${type}` : undefined });
  }
  return { lines, skipped, warnings };
}
