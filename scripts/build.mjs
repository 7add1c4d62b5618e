// `npm run build` (also run by `prepare`, i.e. by every `npm install`): compiles src/ to dist/src/ once, so the CLI
// and the server start without transpiling TypeScript at run time. tsx stays for development, tests and the bench.
//
// esbuild, not tsc: it compiles the whole tree in well under a second, while tsc type-checks everything first (that
// is `npm run typecheck`'s job). Each source file becomes one JavaScript file at the same relative place, so
// lazy `import()`s stay lazy and `new URL('./schema.sql', import.meta.url)` finds its neighbour.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildSource, sourceStamp, STAMP_FILE } from './source-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const stamp = sourceStamp(root); // taken before compiling, so an edit made during the build marks dist stale
const sources = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && isBuildSource(entry.name))
  .map((entry) => path.join(entry.parentPath, entry.name));

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: sources.filter((file) => file.endsWith('.ts')),
  outbase: path.join(root, 'src'),
  outdir: path.join(root, 'dist/src'),
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundle mode only so the plugin below can rewrite imports; every import stays external, one output file per source.
  bundle: true,
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'relative-imports-to-js',
      setup(builder) {
        builder.onResolve({ filter: /^\.\.?\// }, (args) => ({ path: args.path.replace(/\.ts$/, '.js'), external: true }));
      },
    },
  ],
});
// Non-TypeScript files the code reads next to itself (schema.sql, the .proto of the ONNX fixture).
for (const file of sources.filter((file) => !file.endsWith('.ts'))) {
  const target = path.join(root, 'dist/src', path.relative(path.join(root, 'src'), file));
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(file, target);
}
// Code reaches prompts/ and web/dist through paths relative to src/ (../../prompts); links keep them pointing at
// the real folders, so editing a prompt or rebuilding the web app needs no recompile.
for (const folder of ['prompts', 'web']) symlinkSync(path.join('..', folder), path.join(root, 'dist', folder), 'dir');
writeFileSync(path.join(root, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
process.stderr.write(`shoplens: compiled ${sources.length} files to dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
