/**
 * Sentence embeddings from an encoder's last_hidden_state ([batch, length, width], row-major): the average of the
 * vectors of real tokens, as the model was fine-tuned (training/model.py mean_pool).
 */
export function meanPool(hidden: Float32Array, attentionMask: ArrayLike<bigint | number>, dims: readonly number[]): Float32Array[] {
  const [batch, length, width] = dims as [number, number, number];
  const embeddings: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    const sum = new Float32Array(width);
    let tokens = 0;
    for (let position = 0; position < length; position++) {
      if (Number(attentionMask[row * length + position]) === 0) continue;
      tokens++;
      const offset = (row * length + position) * width;
      for (let dimension = 0; dimension < width; dimension++) sum[dimension] += hidden[offset + dimension];
    }
    const divisor = Math.max(tokens, 1);
    for (let dimension = 0; dimension < width; dimension++) sum[dimension] /= divisor;
    embeddings.push(sum);
  }
  return embeddings;
}
