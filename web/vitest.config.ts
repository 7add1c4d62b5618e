import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Tests of the web app and its server routes (the root vitest.config.ts includes src/, evals/ and bench/ only):
 * `npx vitest run --config web/vitest.config.ts`. Browser tests (*.int.test.ts) drive /usr/bin/chromium.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['web/**/*.test.ts', 'src/server/web/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
