import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

/** Where `npm run build:web` writes the bundle. */
export const DEFAULT_DIST_DIRECTORY = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Page routes → the HTML file Vite built for them (one entry per page, see web/vite.config.ts). */
export const PAGE_FILES: Record<string, string> = {
  '/': 'index.html',
  '/support': 'support.html',
  '/agents': 'agents.html',
  '/evals': 'evals.html',
};

/**
 * Serves the built web app: the four pages (never cached, so a new build shows at once) and /assets (content-hashed
 * names, cached for a year). Without a build, pages answer 503 saying how to build it.
 */
export function staticPagesRouter(options: { distDirectory?: string } = {}): express.Router {
  const distDirectory = options.distDirectory ?? DEFAULT_DIST_DIRECTORY;
  const router = express.Router();
  router.use('/assets', express.static(path.join(distDirectory, 'assets'), { immutable: true, maxAge: '365d', index: false, redirect: false }));
  for (const [route, file] of Object.entries(PAGE_FILES)) {
    router.get(route, (_request, response) => {
      const filePath = path.join(distDirectory, file);
      if (!existsSync(filePath)) {
        response.status(503).type('text/plain').send(`The web app is not built (${filePath} is missing). Run "npm run build:web", then reload.\n`);
        return;
      }
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(filePath);
    });
  }
  // favicon and other root files Vite copies from web/public.
  router.use(express.static(distDirectory, { index: false, redirect: false, maxAge: '1h' }));
  return router;
}
