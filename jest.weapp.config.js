/**
 * The weapp suite: every page of the built mini-program (dist/weapp) rendered by miniprogram-simulate
 * with WeChat's own WXML compiler, its calls answered by the local handlers. Run after build:weapp.
 */
const base = require('./jest.config.js')

module.exports = {
  ...base,
  testEnvironment: '<rootDir>/test/weapp/environment.js',
  // The handlers run in this process too: packages resolve as on Node, not as in a browser.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.sim.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // The built mini-program runs as WeChat would run it: never transformed.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
}
