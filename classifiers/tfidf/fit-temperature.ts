import { softmaxInto } from './softmax-regression';

/** The softmax temperature with the lowest negative log-likelihood over held-out logits (grid from 0.25 to 10). */
export function fitTemperature(scored: { logits: Float64Array; label: number }[]): number {
  let best = { temperature: 1, loss: Number.POSITIVE_INFINITY };
  const probabilities = new Float64Array(scored[0]?.logits.length ?? 0);
  for (let step = 0; step < 50; step++) {
    const temperature = 0.25 * 1.08 ** step;
    let loss = 0;
    for (const { logits, label } of scored) {
      softmaxInto(logits, temperature, probabilities);
      loss -= Math.log(Math.max(probabilities[label]!, 1e-12));
    }
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}
