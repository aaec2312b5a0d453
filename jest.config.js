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
  // A safety net against hangs, not a speed check: on CI's two cores each worker starts a service, its models and
  // sometimes Chromium, and 30 s proved too short for a hook when both workers do so at once.
  testTimeout: 60000,
  maxWorkers: 2,
  // Each test file loads the models and a service; what native and V8 memory a file leaves behind adds up over the
  // suite until a worker runs out of heap (seen in CI): a worker above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1.5GB',
};
