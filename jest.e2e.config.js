/** Browser tests: Playwright driving Debian's Chromium on the H5 build served by the local server. */
const base = require('./jest.config.js')

module.exports = {
  ...base,
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
  // Each file starts its own server (free port, fresh data directory) and its own Chromium, so two run side by side.
  maxWorkers: 2,
}
