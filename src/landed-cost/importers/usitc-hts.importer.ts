import { parseDutyExpression } from '../duty-expression';
import type { ImportedLine, ImportResult } from './imported-line';

/** A row of the USITC HTS JSON export (`hts_YYYY_revision_N_json.json`, or the REST `exportList`). */
interface HtsRow {
  htsno?: string;
  indent?: string | number;
  description?: string;
  general?: string;
  special?: string;
  other?: string;
}

/**
 * Program letters of the HTS "special" column that a seller can claim by origin, with the countries
 * they cover (General Note 3(c)). GSP (A, A*, A+) lapsed in 2020 and AGOA/CBERA need beneficiary
 * checks, so they are not mapped.
 */
export const US_PROGRAMS: Record<string, { name: string; origins: string[] }> = {
  AU: { name: 'AUSFTA', origins: ['AU'] },
  BH: { name: 'US-Bahrain FTA', origins: ['BH'] },
  CL: { name: 'US-Chile FTA', origins: ['CL'] },
  CO: { name: 'US-Colombia TPA', origins: ['CO'] },
  IL: { name: 'US-Israel FTA', origins: ['IL'] },
  JO: { name: 'US-Jordan FTA', origins: ['JO'] },
  KR: { name: 'KORUS', origins: ['KR'] },
  MA: { name: 'US-Morocco FTA', origins: ['MA'] },
  OM: { name: 'US-Oman FTA', origins: ['OM'] },
  P: { name: 'CAFTA-DR', origins: ['CR', 'DO', 'SV', 'GT', 'HN', 'NI'] },
  PA: { name: 'US-Panama TPA', origins: ['PA'] },
  PE: { name: 'US-Peru TPA', origins: ['PE'] },
  S: { name: 'USMCA', origins: ['CA', 'MX'] },
  SG: { name: 'US-Singapore FTA', origins: ['SG'] },
};

function readable(expr: string): string | undefined {
  try {
    parseDutyExpression(expr);
    return expr;
  } catch {
    return undefined;
  }
}

/**
 * Reads the HTS JSON export into general (column 1) lines and preferential lines for the programs of
 * the special column. Rates written as prose ("The rate applicable to...") are skipped and counted.
 */
export function importUsitcHts(json: unknown, validFrom: string): ImportResult {
  const rows: HtsRow[] = Array.isArray(json) ? json : ((json as { data?: HtsRow[] })?.data ?? []);
  const lines: ImportedLine[] = [];
  const warnings: string[] = [];
  let skipped = 0;
  for (const row of rows) {
    const code = (row.htsno ?? '').replace(/\D/g, '');
    if (code.length < 4 || code.startsWith('99')) continue;
    const general = (row.general ?? '').trim();
    if (!general) continue;
    const description = (row.description ?? '').replace(/<[^>]+>/g, '').trim().slice(0, 160);
    if (!/^(Free|\d|[\d.]+¢)/.test(general) || !readable(general)) {
      skipped++;
      if (warnings.length < 50) warnings.push(`${row.htsno}: general rate "${general}" is not an expression`);
      continue;
    }
    lines.push({ code, expression: general, validFrom, origins: [], description });
    // "Free (A,AU,BH,...)" or "2.5% (KR)" : one rate for the listed programs.
    for (const m of (row.special ?? '').matchAll(/(Free|[\d.]+%|[\d.]+¢\/\w+)\s*\(([^)]*)\)/g)) {
      const origins = new Set<string>();
      const programs: string[] = [];
      for (const p of m[2].split(',').map((s) => s.trim().replace(/[*+]$/, ''))) {
        const prog = US_PROGRAMS[p];
        if (!prog) continue;
        prog.origins.forEach((o) => origins.add(o));
        programs.push(prog.name);
      }
      if (origins.size && readable(m[1])) lines.push({ code, expression: m[1], validFrom, origins: [...origins].sort(), program: programs.join(', '), description });
    }
  }
  return { lines, skipped, warnings };
}
