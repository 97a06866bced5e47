import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import migrateTemplate from '../../support/global-setup';

const root = path.resolve(__dirname, '../../..');

/**
 * The resilience suite runs the built service as separate processes: build it first (set
 * PW_SKIP_BUILD=1 to use dist/ as it is), then migrate the template database that in-process tests
 * clone, as the e2e suite does.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PW_SKIP_BUILD !== '1') {
    const started = Date.now();
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (build.status !== 0) {
      // tsc still emits on type errors; a broken build only stops us when there is nothing to run.
      process.stderr.write(`\n[resilience] the build reported errors (${seconds} s):\n${(build.stdout + build.stderr).split('\n').slice(0, 30).join('\n')}\n`);
    } else {
      process.stderr.write(`\n[resilience] service built in ${seconds} s\n`);
    }
  }
  if (!existsSync(path.join(root, 'dist/src/main.js'))) throw new Error('dist/src/main.js is missing: the service did not build');
  await migrateTemplate();
}
