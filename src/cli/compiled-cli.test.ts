import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { distIsCurrent, sourceStamp, STAMP_FILE } from '../../scripts/source-stamp.mjs';
import { packageVersion } from './main.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function projectWithStamp(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'shoplens-stamp-'));
  folders.push(root);
  mkdirSync(path.join(root, 'src/cli'), { recursive: true });
  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, 'src/cli/main.ts'), 'export {};\n');
  writeFileSync(path.join(root, 'src/cli/main.test.ts'), 'export {};\n');
  writeFileSync(path.join(root, STAMP_FILE), JSON.stringify(sourceStamp(root)));
  return root;
}

describe('compiled CLI', () => {
  it('runs dist/ only while it was built from the sources on disk', () => {
    const root = projectWithStamp();
    expect(distIsCurrent(root)).toBe(true);
    // Editing a test does not make dist stale: tests are not compiled.
    utimesSync(path.join(root, 'src/cli/main.test.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(distIsCurrent(root)).toBe(true);
    utimesSync(path.join(root, 'src/cli/main.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(distIsCurrent(root)).toBe(false);
  });

  it('counts a new or deleted source as a change, and a missing stamp as no build', () => {
    const root = projectWithStamp();
    writeFileSync(path.join(root, 'src/cli/extra.ts'), 'export {};\n');
    utimesSync(path.join(root, 'src/cli/extra.ts'), new Date(0), new Date(0));
    expect(distIsCurrent(root)).toBe(false);
    rmSync(path.join(root, STAMP_FILE));
    expect(distIsCurrent(root)).toBe(false);
  });

  it('prints the package version', () => {
    const repository = fileURLToPath(new URL('../..', import.meta.url));
    const printed = execFileSync(process.execPath, [path.join(repository, 'bin/shoplens.js'), '--version'], { encoding: 'utf8' });
    expect(printed.trim()).toBe(packageVersion());
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
