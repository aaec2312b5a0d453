import type { SparseVector } from './tfidf-vectorizer';

export interface WeightedExample {
  features: SparseVector;
  label: number;
  /** How much the example counts: agents' corrections and realistic messages count more than template ones. */
  weight: number;
}

export interface RegressionTrainingOptions {
  epochs: number;
  learningRate: number;
  /** Inverse regularisation strength, as scikit-learn's C: the L2 penalty is ‖W‖² / (2·C·examples). */
  inverseRegularisation: number;
  batchSize: number;
  /**
   * Adam's epsilon. Tiny by default; continued training raises it so that an n-gram whose gradient is tiny moves
   * little, instead of the full step Adam gives every weight whatever the size of its gradient.
   */
  epsilon?: number;
  /** Seeds the shuffling of examples between epochs, so that training is reproducible. */
  seed: number;
}

/** weights[feature * classes + class]: a text's few features read contiguous rows. */
export interface SoftmaxRegression {
  classes: number;
  features: number;
  weights: Float32Array;
  biases: Float32Array;
}

/**
 * Multinomial logistic regression with an L2 penalty on every weight, minimised by mini-batch Adam. The penalty
 * must reach every weight at every step: applied only to the n-grams an example contains, rare n-grams (names,
 * one template's wording) grow unchecked and the model over-fits.
 */
export function trainSoftmaxRegression(
  examples: WeightedExample[],
  shape: { classes: number; features: number },
  options: RegressionTrainingOptions,
  /** Weights to start from (learning from corrections starts from the model in use); zeros otherwise. */
  initial?: SoftmaxRegression,
): SoftmaxRegression {
  const { classes, features } = shape;
  const size = classes * features;
  if (initial && (initial.classes !== classes || initial.features !== features)) throw new Error('initial weights of another shape');
  const model: SoftmaxRegression = {
    classes,
    features,
    weights: initial ? Float32Array.from(initial.weights) : new Float32Array(size),
    biases: initial ? Float32Array.from(initial.biases) : new Float32Array(classes),
  };
  const adam = {
    weightMoment: new Float32Array(size),
    weightVariance: new Float32Array(size),
    biasMoment: new Float64Array(classes),
    biasVariance: new Float64Array(classes),
  };
  const gradient = new Float32Array(size);
  const biasGradient = new Float64Array(classes);
  const totalWeight = examples.reduce((sum, example) => sum + example.weight, 0);
  const l2 = 1 / (options.inverseRegularisation * totalWeight);
  const order = examples.map((_, index) => index);
  const random = seededRandom(options.seed);
  const probabilities = new Float64Array(classes);
  const [beta1, beta2, epsilon] = [0.9, 0.999, options.epsilon ?? 1e-8];
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const batchWeight = batch.reduce((sum, position) => sum + examples[position]!.weight, 0);
      gradient.fill(0);
      biasGradient.fill(0);
      for (const position of batch) {
        const { features: vector, label, weight } = examples[position]!;
        softmaxInto(logitsOf(model, vector), 1, probabilities);
        for (let c = 0; c < classes; c++) {
          const error = (weight * (probabilities[c]! - (c === label ? 1 : 0))) / batchWeight;
          biasGradient[c]! += error;
          for (let k = 0; k < vector.indices.length; k++) gradient[vector.indices[k]! * classes + c]! += error * vector.values[k]!;
        }
      }
      step += 1;
      const rate = (options.learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      for (let index = 0; index < size; index++) {
        const g = gradient[index]! + l2 * model.weights[index]!;
        const moment = (adam.weightMoment[index] = beta1 * adam.weightMoment[index]! + (1 - beta1) * g);
        const variance = (adam.weightVariance[index] = beta2 * adam.weightVariance[index]! + (1 - beta2) * g * g);
        model.weights[index]! -= (rate * moment) / (Math.sqrt(variance) + epsilon);
      }
      for (let c = 0; c < classes; c++) {
        const g = biasGradient[c]!;
        adam.biasMoment[c] = beta1 * adam.biasMoment[c]! + (1 - beta1) * g;
        adam.biasVariance[c] = beta2 * adam.biasVariance[c]! + (1 - beta2) * g * g;
        model.biases[c]! -= (rate * adam.biasMoment[c]!) / (Math.sqrt(adam.biasVariance[c]!) + epsilon);
      }
    }
  }
  return model;
}

export function logitsOf(model: SoftmaxRegression, vector: SparseVector): Float64Array {
  const { classes } = model;
  const logits = Float64Array.from(model.biases);
  for (let k = 0; k < vector.indices.length; k++) {
    const row = vector.indices[k]! * classes;
    const value = vector.values[k]!;
    for (let c = 0; c < classes; c++) logits[c]! += value * model.weights[row + c]!;
  }
  return logits;
}

export function softmaxInto(logits: Float64Array, temperature: number, into: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of logits) max = Math.max(max, value);
  let total = 0;
  for (let c = 0; c < logits.length; c++) {
    into[c] = Math.exp((logits[c]! - max) / temperature);
    total += into[c]!;
  }
  for (let c = 0; c < logits.length; c++) into[c]! /= total;
  return into;
}

function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
