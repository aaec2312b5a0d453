import { z } from 'zod';

import { attachmentMetadataSchema } from '../../models/request/request-model';
import { inseeCodeSchema } from '../../routing-rules/communes/commune-schema';

/** What the mairie's web form posts. Unknown fields are refused, so that a typo in an integration is noticed. */
export const formRequestSchema = z.strictObject({
  /** The commune the request is for (INSEE code, listed by GET /api/communes); optional where the service serves one. */
  commune: inseeCodeSchema.optional(),
  subject: z.string().trim().max(300, "L'objet ne doit pas dépasser 300 caractères.").optional(),
  text: z
    .string({ error: 'Le texte de la demande est obligatoire.' })
    .trim()
    .min(1, 'Le texte de la demande est obligatoire.')
    .max(20_000, 'Le texte de la demande ne doit pas dépasser 20 000 caractères.'),
  requester: z.strictObject(
    {
      name: z.string().trim().min(1, 'Le nom est obligatoire.').max(200, 'Le nom est trop long.'),
      email: z.email("L'adresse e-mail est invalide.").max(254).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 .()-]{6,20}$/, 'Le numéro de téléphone est invalide.')
        .optional(),
    },
    { error: 'Les coordonnées du demandeur (requester) sont obligatoires.' },
  ),
  attachments: z.array(attachmentMetadataSchema).max(10, 'Dix pièces jointes au plus.').default([]),
});

export type FormRequest = z.infer<typeof formRequestSchema>;
