import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';

import { serveClient } from '../../server/http/serve-client';

function builtApp(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'aiguillage-client-'));
  mkdirSync(path.join(directory, 'assets'));
  writeFileSync(
    path.join(directory, 'index.html'),
    '<!doctype html><html lang="fr"><script type="module" src="/assets/index-abc.js"></script></html>',
  );
  writeFileSync(path.join(directory, 'assets', 'index-abc.js'), 'console.log("app")');
  return directory;
}

describe('the built web app served by the server', () => {
  it('serves the page uncached under a policy that allows only the app’s own scripts, styles and connections', async () => {
    const app = express().use(serveClient(builtApp()));
    const response = await request(app).get('/').expect(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('serves hashed assets with a long cache, and nothing outside the build', async () => {
    const app = express().use(serveClient(builtApp()));
    const asset = await request(app).get('/assets/index-abc.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(app)
      .get('/assets/../index.html')
      .expect((response) => expect(response.text).not.toContain('console.log'));
    await request(app).get('/package.json').expect(404);
  });

  it('says in French how to build the app when it is missing', async () => {
    const app = express().use(serveClient(path.join(tmpdir(), 'aiguillage-missing-build')));
    const response = await request(app).get('/').expect(503);
    expect(response.text).toContain('npm run build:client');
  });
});
