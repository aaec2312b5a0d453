import { Router } from 'express';
import { z } from 'zod';

import type { CommuneDirectory } from '../../communes/commune-directory';
import type { ApiOperationGroup } from '../api-docs/api-operation';

const communeListSchema = z.object({ communes: z.array(z.object({ insee: z.string(), name: z.string() })) });

/** The active communes, for form integrations that let a citizen choose theirs: public, names and codes only. */
export function communeRoutes(communes: Pick<CommuneDirectory, 'list'>): Router {
  const router = Router();
  router.get('/api/communes', (_request, response) => {
    const active = communes.list().filter((commune) => commune.active);
    response.json(communeListSchema.parse({ communes: active.map((commune) => ({ insee: commune.insee, name: commune.name })) }));
  });
  return router;
}

export const communeOperations: ApiOperationGroup = {
  tag: 'Communes',
  operations: [
    {
      method: 'GET',
      path: '/api/communes',
      summary: 'The communes this service receives requests for (INSEE code and name), for form integrations',
    },
  ],
};
