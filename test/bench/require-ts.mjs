// Lets the bench scripts load the TypeScript sources directly: `.ts` files are compiled on the fly
// with @swc/core (a dev dependency), with the decorator settings of the Jest transform.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const Module = require('node:module');
Module._extensions['.ts'] = (mod, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  mod._compile(code, filename);
};

/** `require` for a TypeScript (or JavaScript) module by absolute path. */
export function requireTs(file) {
  return require(file);
}
