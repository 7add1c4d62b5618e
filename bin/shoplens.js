#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm install` through `prepare`, or `npm run build`) when it was built
// from the sources now on disk; otherwise the TypeScript sources through tsx, so an edited file never runs stale
// and `npx shoplens` works even before a build. SHOPLENS_USE_TSX=1 forces the sources.
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from '../scripts/source-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let main;
if (process.env.SHOPLENS_USE_TSX !== '1' && distIsCurrent(root)) {
  ({ main } = await import('../dist/src/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
