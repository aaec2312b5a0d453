import { z } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';

import type { ApiOperation, ApiOperationGroup } from './api-operation';
import type { RouteAccess, ServedRoute } from './route-access';

/** The JSON body of every refusal and failure (server/http/error-handler.ts writes it). */
export const errorBodySchema = z
  .object({
    error: z.string().meta({ description: 'What went wrong, in French, for the person who made the request.' }),
    details: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'For invalid input: each wrong field with its message in French.' }),
  })
  .meta({ id: 'Error' });

const sessionScheme = 'session';
const metricsScheme = 'metricsToken';

/**
 * The OpenAPI 3.1 document of the API: each operation's request from the zod schemas its route parses with, and
 * the access its guards enforce (`security`, and the roles in `x-roles`). An operation the application does not
 * serve has no access to show; the API document test fails on it, and on a served route the document lacks.
 */
export function openApiDocument(
  groups: readonly ApiOperationGroup[],
  served: readonly ServedRoute[],
  version: string,
): oas31.OpenAPIObject {
  const accessByRoute = new Map(served.map((route) => [`${route.method} ${route.path}`, route.access]));
  const paths: ZodOpenApiPathsObject = {};
  for (const { tag, operations } of groups) {
    for (const operation of operations) {
      const path = openApiPath(operation.path);
      paths[path] = {
        ...paths[path],
        [operation.method.toLowerCase()]: operationObject(operation, tag, accessByRoute.get(`${operation.method} ${operation.path}`)),
      };
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Aiguillage',
      version,
      description:
        'Triage and routing of the requests a French town hall receives. Messages meant for people are in French; ' +
        'every refusal or failure answers with the `Error` body.',
    },
    // Several route modules share a tag (Tickets, Queues…); OpenAPI wants each tag named once.
    tags: [...new Set(groups.map(({ tag }) => tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        [sessionScheme]: { type: 'http', scheme: 'bearer', description: 'Session token from POST /api/auth/sign-in.' },
        [metricsScheme]: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN of the configuration (Prometheus).' },
      },
    },
  });
}

/** `/api/tickets/:id` → `/api/tickets/{id}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function pathParameterNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:(\w+)/g)].map((match) => match[1]);
}

function operationObject(operation: ApiOperation, tag: string, access: RouteAccess | undefined): ZodOpenApiOperationObject {
  const names = pathParameterNames(operation.path);
  const path = operation.params ?? (names.length > 0 ? z.object(Object.fromEntries(names.map((name) => [name, z.string()]))) : undefined);
  return {
    tags: [tag],
    summary: operation.summary,
    operationId: `${operation.method.toLowerCase()}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_all, next: string | undefined) => (next ?? '').toUpperCase())}`,
    ...(access ? accessFields(access) : {}),
    requestParams: {
      ...(path && { path }),
      ...(operation.query && { query: operation.query }),
      ...(operation.headers && { header: operation.headers }),
    },
    ...(operation.body ? { requestBody: requestBody(operation.body) } : {}),
    responses: responses(
      operation,
      access,
      Boolean(operation.params || operation.query || operation.headers || operation.body),
      names.length > 0,
    ),
  };
}

function accessFields(
  access: RouteAccess,
): Pick<ZodOpenApiOperationObject, 'security' | 'description'> & { 'x-roles'?: readonly string[] } {
  if (access.kind === 'public') return { security: [], description: 'Public: no account needed.' };
  if (access.kind === 'metrics-token')
    return { security: [{ [metricsScheme]: [] }], description: 'For the metrics scraper only (METRICS_TOKEN).' };
  return { security: [{ [sessionScheme]: [] }], description: `Roles allowed: ${access.roles.join(', ')}.`, 'x-roles': access.roles };
}

function requestBody(body: NonNullable<ApiOperation['body']>) {
  // A body the route also accepts absent (a preview of the stored template) is documented as optional.
  if (!('mediaTypes' in body)) return { required: !body.safeParse(undefined).success, content: { 'application/json': { schema: body } } };
  const schema = body.schema ?? { type: 'string' as const, contentMediaType: 'application/octet-stream' };
  return { required: true, content: Object.fromEntries(body.mediaTypes.map((mediaType) => [mediaType, { schema }])) };
}

function responses(
  operation: ApiOperation,
  access: RouteAccess | undefined,
  hasInput: boolean,
  hasPathParameters: boolean,
): ZodOpenApiResponsesObject {
  const { status = 200, mediaType = 'application/json', description = 'Done.' } = operation.success ?? {};
  // A page for people (web app, citizens' pages) answers its refusals with a page in French too, not with JSON.
  const error = (text: string) =>
    mediaType === 'text/html'
      ? { description: `${text} (a page in French)`, content: { 'text/html': {} } }
      : { description: text, content: { 'application/json': { schema: errorBodySchema } } };
  return {
    [`${status}`]: status === 204 ? { description } : { description, content: { [mediaType]: {} } },
    ...(hasInput ? { '400': error('Invalid input: the message lists each wrong field.') } : {}),
    ...(access && access.kind !== 'public' ? { '401': error('Missing, unknown or expired token.') } : {}),
    ...(access?.kind === 'session' ? { '403': error('The role or the queues of the user do not allow it.') } : {}),
    ...(hasPathParameters ? { '404': error('Not found, or not visible to this user.') } : {}),
    '500': error('Unexpected failure; nothing already accepted is lost.'),
  } as ZodOpenApiResponsesObject;
}
