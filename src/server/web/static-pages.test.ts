import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_FILES, staticPagesRouter } from './static-pages.ts';
import { serveForTest } from './web-test-app.ts';

describe('static pages', () => {
  let dist: string;
  let server: Awaited<ReturnType<typeof serveForTest>>;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'shoplens-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    for (const file of Object.values(PAGE_FILES)) writeFileSync(path.join(dist, file), `<!doctype html><title>${file}</title>`);
    writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    server = await serveForTest((app) => app.use(staticPagesRouter({ distDirectory: dist })));
  });

  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves each page route from its HTML file, never cached', async () => {
    for (const [route, file] of Object.entries(PAGE_FILES)) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain(file);
    }
  });

  it('serves hashed assets for a year and lets unknown paths fall through', async () => {
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${server.url}/api/unknown`)).json()).toMatchObject({ error: { message: 'fell through' } });
  });

  it('says how to build when the bundle is missing', async () => {
    const unbuilt = await serveForTest((app) => app.use(staticPagesRouter({ distDirectory: path.join(dist, 'nope') })));
    try {
      const response = await fetch(`${unbuilt.url}/support`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:web');
    } finally {
      await unbuilt.close();
    }
  });
});
