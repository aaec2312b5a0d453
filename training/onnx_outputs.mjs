// Runs ONNX models with onnxruntime-node (the runtime transformers.js uses) for export_onnx.py,
// which has no Python onnxruntime: reads {models, inputs} JSON on stdin, prints outputs JSON.
import ort from 'onnxruntime-node';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { models, inputs } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const feeds = Object.fromEntries(
  Object.entries(inputs).map(([name, { data, dims }]) => [name, new ort.Tensor('int64', BigInt64Array.from(data.map(BigInt)), dims)]),
);
const results = {};
for (const path of models) {
  const session = await ort.InferenceSession.create(path);
  const output = (await session.run(feeds)).last_hidden_state;
  results[path] = { data: Array.from(output.data), dims: output.dims };
}
process.stdout.write(JSON.stringify(results));
