/** Jest runs TypeScript through SWC (type checking is `tsc --noEmit`, run first by `npm test`). */
module.exports = {
  // The whole service runs ONNX models (the transformer classifier); see the environment file for why.
  testEnvironment: '<rootDir>/test/support/onnxruntime-environment.js',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The models require an installed cipher; tests using repositories directly get the application's test keys.
  setupFiles: ['<rootDir>/test/support/install-test-cipher.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
