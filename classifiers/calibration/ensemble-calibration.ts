import { z } from 'zod';

import { plattParametersSchema } from './platt-scaling';

/** The shipped calibration of the combined classifiers, written by `npm run calibrate`. */
export const ensembleCalibrationSchema = z.object({
  classifiers: z.array(z.string()).min(1),
  fittedOn: z.string(),
  samples: z.number().int().positive(),
  parameters: plattParametersSchema,
  reliability: z.array(z.object({ from: z.number(), to: z.number(), count: z.number(), meanConfidence: z.number(), accuracy: z.number() })),
});
export type EnsembleCalibration = z.infer<typeof ensembleCalibrationSchema>;
