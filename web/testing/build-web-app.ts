import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds the web app into a temp folder: the tests run the real production bundle (not the dev server) without
 * touching web/dist. Call remove() when done.
 */
export async function buildWebApp(): Promise<{ distDirectory: string; remove(): void }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-web-'));
  const distDirectory = path.join(folder, 'dist');
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir: distDirectory, emptyOutDir: true } });
  return { distDirectory, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
