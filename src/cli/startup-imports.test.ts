import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `shoplens --help` and `--version` load src/cli/main.ts and every command module it registers, so whatever those
 * import statically is paid at every start (zod ≈ 95 files, DuckDB's native binding ≈ 180). Commands load what their
 * action needs with `await import()`; this walks the static (value) imports from main.ts and keeps the graph small.
 */
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const ALLOWED_PACKAGES = new Set(['commander']);
const MAX_SOURCE_FILES = 30;

function staticImportGraph(entry: string): { files: Set<string>; packages: Map<string, string[]> } {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    // `import x from '…'`, `import '…'`, `export … from '…'`; `import type` is erased by the compiler, and `import()`
    // (lazy) is not matched since it never starts a line with `import ` followed by a name or a quote.
    for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)) {
      if (match[1]) continue;
      const specifier = match[2] as string;
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.set(specifier, [...(packages.get(specifier) ?? []), path.relative(path.dirname(MAIN), file)]);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('CLI start-up imports', () => {
  it('loads no package but commander and few source files before a command runs', () => {
    const { files, packages } = staticImportGraph(MAIN);
    const unexpected = [...packages].filter(([name]) => !ALLOWED_PACKAGES.has(name)).map(([name, importers]) => `${name} ← ${importers.join(', ')}`);
    expect(unexpected).toEqual([]);
    expect(files.size).toBeGreaterThan(10); // the walk follows the command modules (a broken walk would pass vacuously)
    expect(files.size).toBeLessThanOrEqual(MAX_SOURCE_FILES);
  });

  it('notices a static import of a package', () => {
    const fixture = fileURLToPath(new URL('./startup-imports.test.ts', import.meta.url));
    // This file imports vitest statically: the walk must report it.
    expect([...staticImportGraph(fixture).packages.keys()]).toContain('vitest');
  });
});
