#!/usr/bin/env node
// Starts the MyDHL, UPS and FedEx emulators of test/emulators/ on fixed local ports and prints the
// environment that points the service at them, so that `npm start` shows live-API carriers in quotes.
//
//   npm run emulators                       # ports 4010 (MyDHL), 4020 (UPS), 4030 (FedEx)
//   EMULATOR_HOST=0.0.0.0 npm run emulators # listen on every interface
//   MYDHL_EMULATOR_PORT=5010 ... npm run emulators
//
// Faults are chosen per emulator over HTTP, e.g.
//   curl -X POST localhost:4020/__emulator/faults -H 'content-type: application/json' \
//        -d '{"mode":"rate-limit","operation":"rate","retryAfterSeconds":2,"count":1}'
// The emulators are TypeScript: this script compiles them on the fly with @swc/core (already a dev
// dependency for the tests), so no build step is needed.
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const swc = require('@swc/core');

// Compile .ts files on require (CommonJS, decorators as in jest.config.cjs).
Module._extensions['.ts'] = function compileTs(module, filename) {
  const { code } = swc.transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

const { startEmulators } = require(path.join(root, 'test/emulators/emulator-set.ts'));

const host = process.env.EMULATOR_HOST || '127.0.0.1';
const ports = {
  mydhl: Number(process.env.MYDHL_EMULATOR_PORT || 4010),
  ups: Number(process.env.UPS_EMULATOR_PORT || 4020),
  fedex: Number(process.env.FEDEX_EMULATOR_PORT || 4030),
};

const set = await startEmulators(ports, host);
const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
const env = { ...set.env };
for (const key of ['MYDHL_BASE_URL', 'UPS_BASE_URL', 'FEDEX_BASE_URL']) env[key] = env[key].replace(host, shown);

process.stdout.write(
  [
    `Carrier emulators listening: MyDHL ${env.MYDHL_BASE_URL}, UPS ${env.UPS_BASE_URL}, FedEx ${env.FEDEX_BASE_URL}`,
    'Every request is checked against the carrier schema; GET <emulator>/__emulator/requests lists them with their problems.',
    '',
    'Run the service against them with:',
    '',
    ...Object.entries(env).map(([k, v]) => `export ${k}=${v}`),
    'npm start',
    '',
    'Faults: POST <emulator>/__emulator/faults {"mode": "latency|server-error|rate-limit|malformed-json|expired-token|business-error|reset", "operation": "rate|ship|track|cancel|token", "count": 1}',
    'Move a shipment along: POST <emulator>/__emulator/shipments/<tracking number>/advance {"to": "picked_up|in_transit|delivered"}',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

const stop = async () => {
  await set.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
