#!/usr/bin/env node
// Creates src/platform/database/migrations/<timestamp>-<name>.ts and registers it in the index.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
  console.error('usage: npm run migration:create -- PascalCaseName');
  process.exit(2);
}
const ts = Date.now();
const cls = `${name}${ts}`;
const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const dir = path.join(root, 'src/platform/database/migrations');
const file = `${ts}-${kebab}`;
await fs.writeFile(
  path.join(dir, `${file}.ts`),
  `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);
const indexFile = path.join(dir, 'index.ts');
let index = await fs.readFile(indexFile, 'utf8');
index = index.replace(/(\nexport const MIGRATIONS = \[)/, `\nimport { ${cls} } from './${file}';$1`);
index = index.replace(/export const MIGRATIONS = \[([^\]]*)\]/, (_m, list) => `export const MIGRATIONS = [${list.trim() ? `${list.trim().replace(/,$/, '')}, ` : ''}${cls}]`);
await fs.writeFile(indexFile, index);
console.log(`created src/platform/database/migrations/${file}.ts`);
