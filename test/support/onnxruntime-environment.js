const { TestEnvironment } = require('jest-environment-node');

/**
 * onnxruntime-node hands back typed arrays made in Node's main realm, while Jest runs tests in a sandbox with
 * its own constructors, so onnxruntime's `instanceof Float32Array` checks fail there. Every test file runs in
 * this environment (jest.config.js), which shares the main realm's typed-array constructors with the sandbox.
 */
class OnnxRuntimeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      'Float32Array',
      'Float64Array',
      'Int8Array',
      'Uint8Array',
      'Int16Array',
      'Uint16Array',
      'Int32Array',
      'Uint32Array',
      'BigInt64Array',
      'BigUint64Array',
    ]) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = OnnxRuntimeEnvironment;
