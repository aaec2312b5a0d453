import { softmax } from './softmax-head';

export interface EmbeddedExamples {
  embeddings: ArrayLike<number>[];
  /** Index into the label list of each example. */
  labels: number[];
}

export interface HeadTrainingOptions {
  labelCount: number;
  l2: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

export interface LinearHead {
  weights: number[][];
  bias: number[];
}

/**
 * Multinomial logistic regression on fixed embeddings, by mini-batch Adam on standardised features. The
 * standardisation is folded back into the weights, so the head applies to raw embeddings. Seconds on a CPU.
 */
export function trainLinearHead(examples: EmbeddedExamples, options: HeadTrainingOptions): LinearHead {
  const training = linearHeadEpochs(examples, options);
  for (let step = training.next(); ; step = training.next()) if (step.done) return step.value;
}

/**
 * The same training, giving the event loop back between epochs: a server retraining its head keeps serving
 * requests meanwhile (an epoch on the shipped corpus takes a fraction of a second).
 */
export async function trainLinearHeadYielding(examples: EmbeddedExamples, options: HeadTrainingOptions): Promise<LinearHead> {
  const training = linearHeadEpochs(examples, options);
  for (let step = training.next(); ; step = training.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* linearHeadEpochs(examples: EmbeddedExamples, options: HeadTrainingOptions): Generator<number, LinearHead, void> {
  const { embeddings, labels } = examples;
  if (embeddings.length === 0) throw new Error('no examples to train the head on');
  const width = embeddings[0].length;
  const classes = options.labelCount;
  const { mean, scale } = standardisation(embeddings, width);
  const features = embeddings.map((embedding) => Float64Array.from({ length: width }, (_, d) => (embedding[d] - mean[d]) / scale[d]));

  const weights = new Float64Array(classes * width);
  const bias = new Float64Array(classes);
  const adamWeights = new AdamState(weights.length);
  const adamBias = new AdamState(classes);
  const gradientWeights = new Float64Array(weights.length);
  const gradientBias = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const order = features.map((_, index) => index);
  const probabilities = new Float64Array(classes);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, order.length);
      gradientWeights.fill(0);
      gradientBias.fill(0);
      for (let position = start; position < end; position++) {
        const index = order[position];
        const x = features[index];
        for (let k = 0; k < classes; k++) probabilities[k] = bias[k] + dot(weights, k * width, x, width);
        softmaxInPlace(probabilities);
        for (let k = 0; k < classes; k++) {
          const error = (probabilities[k] - (k === labels[index] ? 1 : 0)) / (end - start);
          gradientBias[k] += error;
          addScaled(gradientWeights, k * width, x, error, width);
        }
      }
      for (let i = 0; i < weights.length; i++) gradientWeights[i] += options.l2 * weights[i];
      adamWeights.step(weights, gradientWeights, options.learningRate);
      adamBias.step(bias, gradientBias, options.learningRate);
    }
    yield epoch;
  }

  return {
    weights: Array.from({ length: classes }, (_, k) => Array.from({ length: width }, (_, d) => weights[k * width + d] / scale[d])),
    bias: Array.from({ length: classes }, (_, k) => {
      let folded = bias[k];
      for (let d = 0; d < width; d++) folded -= (weights[k * width + d] * mean[d]) / scale[d];
      return folded;
    }),
  };
}

/** The softmax temperature that minimises held-out negative log-likelihood, searched on a log-spaced grid. */
export function fitTemperature(logits: number[][], labels: number[]): number {
  let best = { temperature: 1, loss: Number.POSITIVE_INFINITY };
  for (let step = 0; step <= 300; step++) {
    const temperature = 0.05 * 400 ** (step / 300);
    const loss = logits.reduce((sum, row, index) => sum - Math.log(Math.max(softmax(row, temperature)[labels[index]], 1e-12)), 0);
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}

// The two loops below hold nearly all of the training time; four accumulators let V8 keep several multiplications
// in flight (twice as fast as the plain loop on the 256-wide embeddings).
function dot(weights: Float64Array, offset: number, x: Float64Array, width: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 3 < width; i += 4) {
    a += weights[offset + i] * x[i];
    b += weights[offset + i + 1] * x[i + 1];
    c += weights[offset + i + 2] * x[i + 2];
    d += weights[offset + i + 3] * x[i + 3];
  }
  for (; i < width; i++) a += weights[offset + i] * x[i];
  return a + b + c + d;
}

function addScaled(target: Float64Array, offset: number, x: Float64Array, factor: number, width: number): void {
  let i = 0;
  for (; i + 3 < width; i += 4) {
    target[offset + i] += factor * x[i];
    target[offset + i + 1] += factor * x[i + 1];
    target[offset + i + 2] += factor * x[i + 2];
    target[offset + i + 3] += factor * x[i + 3];
  }
  for (; i < width; i++) target[offset + i] += factor * x[i];
}

function softmaxInPlace(values: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) max = Math.max(max, value);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i] - max);
    total += values[i];
  }
  for (let i = 0; i < values.length; i++) values[i] /= total;
}

function standardisation(embeddings: ArrayLike<number>[], width: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (const embedding of embeddings) for (let d = 0; d < width; d++) mean[d] += embedding[d] / embeddings.length;
  for (const embedding of embeddings) for (let d = 0; d < width; d++) scale[d] += (embedding[d] - mean[d]) ** 2 / embeddings.length;
  for (let d = 0; d < width; d++) scale[d] = Math.sqrt(scale[d]) + 1e-6;
  return { mean, scale };
}

class AdamState {
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private steps = 0;

  constructor(size: number) {
    this.first = new Float64Array(size);
    this.second = new Float64Array(size);
  }

  step(parameters: Float64Array, gradient: Float64Array, learningRate: number): void {
    this.steps++;
    const firstCorrection = 1 - 0.9 ** this.steps;
    const secondCorrection = 1 - 0.999 ** this.steps;
    for (let i = 0; i < parameters.length; i++) {
      this.first[i] = 0.9 * this.first[i] + 0.1 * gradient[i];
      this.second[i] = 0.999 * this.second[i] + 0.001 * gradient[i] * gradient[i];
      parameters[i] -= (learningRate * (this.first[i] / firstCorrection)) / (Math.sqrt(this.second[i] / secondCorrection) + 1e-8);
    }
  }
}

/** mulberry32: a small seeded generator, so that a head retrained on the same data is the same head. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(values: number[], random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
}
