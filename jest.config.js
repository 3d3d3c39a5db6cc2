/** Unit, use-case, contract and HTTP tests. Browser tests run separately (`npm run test:e2e`). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }]

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/server', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testTimeout: 30000,
  // A folder per run for the demo data seeded once and copied (test/support/demo-template.ts).
  globalSetup: '<rootDir>/test/support/templates-setup.js',
  globalTeardown: '<rootDir>/test/support/templates-teardown.js',
}
