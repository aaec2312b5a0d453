import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { errorBodySchema } from '../../server/http/api-docs/openapi-document';
import { routeAccessPolicy } from '../security/route-access-policy';
import { listRoutes } from '../support/list-routes';
import { startTestApplication } from '../support/test-application';

interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  'x-roles'?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = {
  openapi: string;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const expressPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

describe('OpenAPI document at /api/docs, generated from the routes’ zod schemas and guards', () => {
  let application: RunningApplication;
  let document: Document;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ smtpIntakeEnabled: false }));
    const response = await request(application.url)
      .get('/api/docs/openapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    document = response.body as Document;
  });
  afterAll(async () => application.stop());

  function operations(): Array<{ key: string; operation: Operation }> {
    return Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${expressPath(path)}`, operation })),
    );
  }

  it('is a valid OpenAPI 3.1 document', async () => {
    // The validator is an ES module, which this test runner cannot load: its own command runs in Node instead.
    const folder = await mkdtemp(path.join(tmpdir(), 'openapi-'));
    const file = path.join(folder, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const validatorCli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(process.execPath, [validatorCli, file], (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }),
      );
    });
    await rm(folder, { recursive: true });
    expect(JSON.parse(run.output)).toEqual({ valid: true });
    expect(run.code).toBe(0);
    expect(document.openapi).toBe('3.1.0');
    // The schema cannot say it, the specification does: each tag is declared once.
    const tagNames = document.tags.map((tag) => tag.name);
    expect(new Set(tagNames).size).toBe(tagNames.length);
  });

  it('documents every route the application serves, and only those', () => {
    const served = listRoutes(application.expressApp)
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    const documented = operations()
      .map(({ key }) => key)
      .sort();
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('shows, for each operation, the access the authorisation matrix proves', () => {
    const wrong: string[] = [];
    for (const { key, operation } of operations()) {
      const expected = routeAccessPolicy[key]?.roles;
      const shown =
        operation.security?.length === 0
          ? 'public'
          : operation.security?.[0]?.metricsToken
            ? 'metrics-token'
            : [...(operation['x-roles'] ?? [])].sort();
      const wanted = typeof expected === 'string' ? expected : [...(expected ?? [])].sort();
      if (JSON.stringify(shown) !== JSON.stringify(wanted))
        wrong.push(`${key}: documented ${JSON.stringify(shown)}, allowed ${JSON.stringify(wanted)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives each operation an English summary and the error shape for its refusals and failures', () => {
    const missing: string[] = [];
    for (const { key, operation } of operations()) {
      if (!operation.summary || !/^[A-Z][\x20-\x7e’]+$/.test(operation.summary))
        missing.push(`${key}: summary ${JSON.stringify(operation.summary)}`);
      const refusals = Object.entries(operation.responses).filter(([status]) => status >= '400');
      if (!refusals.some(([status]) => status === '500')) missing.push(`${key}: no 500`);
      const page = Object.entries(operation.responses).some(([status, response]) => status < '400' && response.content?.['text/html']);
      for (const [status, response] of refusals) {
        const documented = page
          ? response.content?.['text/html']
          : response.content?.['application/json']?.schema?.$ref === '#/components/schemas/Error';
        if (!documented) missing.push(`${key}: ${status} without the ${page ? 'page' : 'Error body'}`);
      }
    }
    expect(missing).toEqual([]);
    expect(document.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
    const operationIds = operations().map(({ operation }) => (operation as { operationId?: string }).operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('takes request bodies, queries and parameters from the schemas the routes parse with', () => {
    const form = document.paths['/api/requests'].post;
    expect(form.requestBody!.content['application/json'].schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['text', 'requester']),
      properties: { text: { type: 'string', maxLength: 20_000 }, requester: { required: ['name'] } },
    });
    expect(form.parameters).toEqual([
      { in: 'header', name: 'Idempotency-Key', schema: { type: 'string', pattern: '^[\\x21-\\x7e]{8,200}$' } },
    ]);
    const audit = document.paths['/api/audit/events'].get;
    expect(audit.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'query', name: 'pageSize', schema: expect.objectContaining({ maximum: 200 }) }),
      ]),
    );
    expect(document.paths['/api/mail-templates/{id}/preview'].post.requestBody).toMatchObject({ required: false });
    expect(document.paths['/api/mail-templates/{id}'].put.requestBody).toMatchObject({ required: true });
    const activate = document.paths['/api/model/versions/{version}/activate'].post;
    expect(activate.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'version', required: true, schema: expect.objectContaining({ minimum: 1 }) }),
    ]);
    // An account's queues are the town hall's, known at start-up.
    const account = document.paths['/api/users'].post.requestBody!.content['application/json'].schema as {
      properties: { queues: { items: { enum: string[] } } };
    };
    expect(account.properties.queues.items.enum).toEqual(expect.arrayContaining(['etat-civil', 'voirie']));
  });

  it('describes the error body the service really sends', async () => {
    const refused = await request(application.url)
      .post('/api/requests')
      .send({ requester: { name: 'Nina' } })
      .expect(400);
    expect(errorBodySchema.strict().parse(refused.body)).toMatchObject({ details: [expect.objectContaining({ field: 'text' })] });
    const unauthenticated = await request(application.url).get('/api/tickets').expect(401);
    expect(errorBodySchema.strict().parse(unauthenticated.body).error).toMatch(/connectez-vous/);
  });

  it('serves a readable page and its viewer from this server, under the Content-Security-Policy', async () => {
    const page = await request(application.url)
      .get('/api/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    const styles = [...page.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/viewer/start-viewer.js']);
    expect(page.text).not.toMatch(/<script>|https?:\/\//);
    for (const asset of [...scripts, ...styles]) await request(application.url).get(asset).expect(200);
    // The rest of swagger-ui-dist (its demo page loads an API from the internet) is not served.
    await request(application.url).get('/api/docs/assets/index.html').expect(404);
    await request(application.url).get('/api/docs/viewer/index.html').expect(404);
  });
});
