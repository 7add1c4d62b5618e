import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The flow is visible in the folders: analytics / support → agent → sql → warehouse. A folder may import
 * only from folders of a lower rank (or its own); siblings of the same rank stay independent, so the
 * analytics agent and the customer-service agent never reach into each other. Tests and test helpers may
 * use anything.
 */
const RANK: Record<string, number> = {
  text: 0,
  random: 0,
  concurrency: 0,
  sql: 1,
  presentation: 2,
  models: 2,
  seed: 3,
  importers: 3,
  agent: 3,
  analytics: 4,
  support: 4,
  server: 5,
  cli: 6,
};

const sourceRoot = path.dirname(new URL(import.meta.url).pathname);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function topFolder(file: string): string {
  return path.relative(sourceRoot, file).split(path.sep)[0] ?? '';
}

describe('layering', () => {
  it('knows every top-level folder of src', () => {
    const folders = readdirSync(sourceRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'testing').map((entry) => entry.name);
    expect(folders.filter((folder) => RANK[folder] === undefined)).toEqual([]);
  });

  it('has no import that runs up the layers or across to a sibling', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(sourceRoot)) {
      const from = topFolder(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.resolve(path.dirname(file), match[1] as string);
        const to = topFolder(target);
        if (to === from || to === 'testing') continue;
        const fromRank = RANK[from] ?? 99;
        const toRank = RANK[to] ?? 99;
        if (toRank >= fromRank) violations.push(`${path.relative(sourceRoot, file)} → ${path.relative(sourceRoot, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('holds no control characters: a "\\b" written through an unescaped string once became a backspace inside a regular expression and silently stopped it matching', () => {
    const found = sourceFiles(sourceRoot).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      // eslint-disable-next-line no-control-regex
      const at = text.search(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      return at >= 0 ? [`${path.relative(sourceRoot, file)}:${text.slice(0, at).split('\n').length}`] : [];
    });
    expect(found).toEqual([]);
  });
});
