import { z } from 'zod';

/** p = sigmoid(slope · logit(confidence) + intercept), fitted on held-out data. */
export const plattParametersSchema = z.object({ slope: z.number(), intercept: z.number() });
export type PlattParameters = z.infer<typeof plattParametersSchema>;

const epsilon = 1e-6;

function logit(probability: number): number {
  const clamped = Math.min(1 - epsilon, Math.max(epsilon, probability));
  return Math.log(clamped / (1 - clamped));
}

export function applyPlatt(parameters: PlattParameters, confidence: number): number {
  return 1 / (1 + Math.exp(-(parameters.slope * logit(confidence) + parameters.intercept)));
}

/**
 * Fits the two parameters by Newton's method on the log-loss of (confidence, was the decision right) pairs, so
 * that a calibrated 0.9 is right about nine times in ten on data the classifiers did not learn from.
 */
export function fitPlatt(samples: ReadonlyArray<{ confidence: number; correct: boolean }>, iterations = 100): PlattParameters {
  let slope = 1;
  let intercept = 0;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    let gradientSlope = 0;
    let gradientIntercept = 0;
    let hessianSS = 1e-9;
    let hessianSI = 0;
    let hessianII = 1e-9;
    for (const sample of samples) {
      const x = logit(sample.confidence);
      const p = 1 / (1 + Math.exp(-(slope * x + intercept)));
      const error = p - (sample.correct ? 1 : 0);
      const weight = p * (1 - p);
      gradientSlope += error * x;
      gradientIntercept += error;
      hessianSS += weight * x * x;
      hessianSI += weight * x;
      hessianII += weight;
    }
    const determinant = hessianSS * hessianII - hessianSI * hessianSI;
    if (Math.abs(determinant) < 1e-12) break;
    const stepSlope = (hessianII * gradientSlope - hessianSI * gradientIntercept) / determinant;
    const stepIntercept = (hessianSS * gradientIntercept - hessianSI * gradientSlope) / determinant;
    slope -= stepSlope;
    intercept -= stepIntercept;
    if (Math.abs(stepSlope) + Math.abs(stepIntercept) < 1e-9) break;
  }
  return { slope, intercept };
}
