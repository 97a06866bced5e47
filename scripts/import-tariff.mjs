#!/usr/bin/env node
// Imports official bulk files into tariffs/. Run `node scripts/import-tariff.mjs help` for usage.
// The importers are TypeScript in src/; this script compiles them on the fly with @swc/core
// (already a dev dependency) so no build step is needed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const Module = require('node:module');
Module._extensions['.ts'] = (mod, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  mod._compile(code, filename);
};

const USAGE = `usage: node scripts/import-tariff.mjs <importer> [options] <files...>

importers:
  ecb-rates   ECB euro reference rates (eurofxref.csv, eurofxref-hist.csv or their .zip)
              into tariffs/fx/ecb-eurofxref.csv
              --since YYYY-MM-DD   keep days from this date (default: 2 years before today)
  usitc-hts   USITC HTS JSON export (hts_YYYY_revision_N_json.json) into tariffs/duty/US/hts-import.csv
  eu-taric    EU TARIC duties extraction (CSV saved from the monthly "Duties" Excel file)
              into tariffs/duty/EU/taric-import.csv
  uk-tariff   UK Trade Tariff API commodity JSON (GET /uk/api/v2/commodities/{code})
              into tariffs/duty/GB/uk-tariff-import.csv

common options:
  --out FILE              where to write (defaults above)
  --retrieved YYYY-MM-DD  when the files were downloaded (default: today)
  --valid-from YYYY-MM-DD first day the imported rates apply (tariff importers; default: retrieved)
`;

const [, , kind, ...rest] = process.argv;
const opts = { files: [] };
for (let i = 0; i < rest.length; i++) {
  const a = rest[i];
  if (a.startsWith('--')) opts[a.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = rest[++i];
  else opts.files.push(path.resolve(a));
}
const today = new Date().toISOString().slice(0, 10);
const retrievedAt = opts.retrieved ?? today;

async function main() {
  switch (kind) {
    case 'ecb-rates': {
      const { importEcbRates } = require(path.join(root, 'src/money/fx-ecb-importer.ts'));
      const since = opts.since ?? `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
      const out = path.resolve(opts.out ?? path.join(root, 'tariffs/fx/ecb-eurofxref.csv'));
      const r = await importEcbRates({ inputs: opts.files, out, since, retrievedAt });
      console.log(`${path.relative(root, out)}: ${r.added} days added, ${r.replaced} replaced, ${r.total} in all, latest ${r.latest}`);
      return;
    }
    case 'usitc-hts':
    case 'eu-taric':
    case 'uk-tariff': {
      const { runTariffImport } = require(path.join(root, 'src/landed-cost/importers/tariff-import.ts'));
      const r = await runTariffImport(kind, { inputs: opts.files, out: opts.out && path.resolve(opts.out), retrievedAt, validFrom: opts.validFrom ?? retrievedAt, root });
      console.log(`${path.relative(root, r.out)}: ${r.lines} lines written, ${r.skipped} skipped${r.warnings.length ? `\n  ${r.warnings.slice(0, 20).join('\n  ')}` : ''}`);
      return;
    }
    default:
      console.log(USAGE);
      process.exit(kind && kind !== 'help' ? 2 : 0);
  }
}

if (!opts.files.length && kind && kind !== 'help') {
  console.error(`no input files\n\n${USAGE}`);
  process.exit(2);
}
main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
