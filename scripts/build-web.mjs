// `npm start`'s web step: builds web/dist with vite only when a file it was built from changed (the list that
// web/vite.config.ts records in web/dist/build-inputs.json, plus the vite config, public/ and the lock file), so a
// restart with nothing changed skips the 30–50 s build.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputsFile = path.join(root, 'web/dist/build-inputs.json');

/** Why a build is needed, or undefined when web/dist is current. */
function staleReason() {
  let builtAt;
  let files;
  try {
    builtAt = statSync(inputsFile).mtimeMs;
    files = JSON.parse(readFileSync(inputsFile, 'utf8')).files;
  } catch {
    return 'no previous build';
  }
  if (!Array.isArray(files) || files.length === 0) return 'the previous build recorded no inputs';
  const publicFiles = readdirSync(path.join(root, 'web/public'), { recursive: true }).map((file) => path.join('web/public', String(file)));
  for (const file of [...files, ...publicFiles, 'web/vite.config.ts', 'package-lock.json']) {
    let modified;
    try {
      modified = statSync(path.join(root, file)).mtimeMs;
    } catch {
      return `${file} is gone`;
    }
    if (modified > builtAt) return `${file} changed`;
  }
  return undefined;
}

const reason = process.argv.includes('--force') ? 'asked with --force' : staleReason();
if (reason === undefined) {
  process.stderr.write('web app: up to date (web/dist), not rebuilt\n');
} else {
  const started = performance.now();
  process.stderr.write(`web app: building (${reason}) …\n`);
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  process.stderr.write(`web app: built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
