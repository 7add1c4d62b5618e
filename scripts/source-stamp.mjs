// The fingerprint of the sources that dist/ is compiled from: bin/shoplens.js runs dist/ only while it matches,
// so an edited source file never runs stale JavaScript. Plain JavaScript, so it loads without tsx.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Source files the build compiles or copies: everything under src/ except tests. */
export function isBuildSource(file) {
  return !file.endsWith('.test.ts');
}

/** Newest modification time and count of the build's sources; cheap (one stat per file, no reads). */
export function sourceStamp(root) {
  let newestMtimeMs = 0;
  let files = 0;
  for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !isBuildSource(entry.name)) continue;
    files += 1;
    const mtimeMs = statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
    if (mtimeMs > newestMtimeMs) newestMtimeMs = mtimeMs;
  }
  return { files, newestMtimeMs };
}

export const STAMP_FILE = 'dist/build-stamp.json';

/** True when dist/ was built from exactly the sources now on disk. */
export function distIsCurrent(root) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(path.join(root, STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  const current = sourceStamp(root);
  return recorded?.files === current.files && recorded?.newestMtimeMs === current.newestMtimeMs;
}
