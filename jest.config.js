/**
 * One Jest run for the whole repo. Sources are transformed by swc (it emits the decorator
 * metadata type-graphql and typeorm need); workspace packages resolve to their `src/`.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': swc, '^.+/node_modules/.+/jose/dist/.+\\.js$': swc },
  // jose 6 ships ES modules only; Jest's CommonJS runtime needs them compiled like our code.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/jose@[^/]+/node_modules/)?jose/)'],
  testMatch: ['<rootDir>/{packages,services}/*/src/**/*.test.ts', '<rootDir>/{packages,services}/*/test/**/*.test.ts'],
  moduleNameMapper: {
    '^@chibo/(domain|service-kit|testkit|cli|bench)$': '<rootDir>/packages/$1/src',
    '^@chibo/(membership|meetings|inspection|gateway)$': '<rootDir>/services/$1/src',
  },
  globalSetup: '<rootDir>/packages/testkit/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testkit/src/jest/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
