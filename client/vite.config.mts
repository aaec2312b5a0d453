import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/** The web app is built into build/client, which the server serves (server/http/serve-client.ts). */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: path.join(here, 'public'),
  build: {
    outDir: path.resolve(here, '../build/client'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small app: a single script keeps the page's CSP simple and the first load to two requests.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } } },
});
