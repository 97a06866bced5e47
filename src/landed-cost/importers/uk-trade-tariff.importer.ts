import { parseDutyExpression } from '../duty-expression';
import { isoDay, trimCode, type ImportedLine, type ImportResult } from './imported-line';

interface UkMeasure {
  effective_start_date?: string;
  effective_end_date?: string | null;
  import?: boolean;
  measure_type?: { id?: string };
  geographical_area?: { id?: string };
  duty_expression?: { base?: string };
}

const THIRD_COUNTRY_DUTY = '103';
const PREFERENCES = new Set(['142', '145']);

/** Measures of one commodity, from either the v2 JSON:API document or the flat commodity document. */
function measuresOf(doc: Record<string, unknown>): { code: string; description: string; measures: UkMeasure[] } {
  if (Array.isArray(doc.import_measures)) {
    return { code: String(doc.goods_nomenclature_item_id ?? ''), description: String(doc.description_plain ?? doc.description ?? ''), measures: doc.import_measures as UkMeasure[] };
  }
  // JSON:API: data + included, measures point at their type, area and duty expression by id.
  const data = doc.data as { attributes?: Record<string, unknown> } | undefined;
  const included = (doc.included ?? []) as { id: string; type: string; attributes?: Record<string, unknown>; relationships?: Record<string, { data?: { id: string; type: string } }> }[];
  const byKey = new Map(included.map((i) => [`${i.type}:${i.id}`, i]));
  const measures: UkMeasure[] = included
    .filter((i) => i.type === 'measure')
    .map((m) => {
      const rel = (name: string) => m.relationships?.[name]?.data;
      const de = rel('duty_expression');
      return {
        effective_start_date: m.attributes?.effective_start_date as string,
        effective_end_date: m.attributes?.effective_end_date as string | null,
        import: m.attributes?.import as boolean,
        measure_type: { id: rel('measure_type')?.id },
        geographical_area: { id: rel('geographical_area')?.id },
        duty_expression: { base: de ? (byKey.get(`${de.type}:${de.id}`)?.attributes?.base as string) : undefined },
      };
    });
  return { code: String(data?.attributes?.goods_nomenclature_item_id ?? ''), description: String(data?.attributes?.description_plain ?? ''), measures };
}

/**
 * Reads UK Trade Tariff API commodity documents (`GET /uk/api/v2/commodities/{code}`): the
 * third-country duty (measure type 103, erga omnes 1011) and single-country preferences (142, 145).
 */
export function importUkTradeTariff(docs: unknown[]): ImportResult {
  const lines: ImportedLine[] = [];
  const warnings: string[] = [];
  let skipped = 0;
  for (const doc of docs) {
    const { code: raw, description, measures } = measuresOf(doc as Record<string, unknown>);
    const code = trimCode(raw);
    if (code.length < 6) {
      skipped++;
      warnings.push('a document without a commodity code was skipped');
      continue;
    }
    for (const m of measures) {
      if (m.import === false) continue;
      const type = m.measure_type?.id ?? '';
      const area = m.geographical_area?.id ?? '';
      const isGeneral = type === THIRD_COUNTRY_DUTY && area === '1011';
      const isPreference = PREFERENCES.has(type) && /^[A-Z]{2}$/.test(area);
      if (!isGeneral && !isPreference) continue;
      const expression = (m.duty_expression?.base ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
      const validFrom = isoDay(m.effective_start_date);
      if (!expression || !validFrom) {
        skipped++;
        continue;
      }
      try {
        parseDutyExpression(expression);
      } catch {
        skipped++;
        warnings.push(`${code}: duty "${expression}" is not an expression`);
        continue;
      }
      lines.push({ code, expression, validFrom, validTo: isoDay(m.effective_end_date ?? undefined), origins: isPreference ? [area] : [], program: isPreference ? `UK measure ${type}` : undefined, description: description.replace(/<[^>]+>/g, '').slice(0, 160) });
    }
  }
  return { lines, skipped, warnings };
}
