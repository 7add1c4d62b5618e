import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from './main.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-read-only-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('commands that only read never create a warehouse', () => {
  it.each([
    ['ask', ['ask', 'GMV last month']],
    ['sql', ['sql', 'select 1']],
    ['model', ['model', 'segments']],
  ])('%s with a mistyped --db fails naming the path and "shoplens seed"/"shoplens import"', async (_name, command) => {
    const missing = path.join(folder, 'typo', 'dir', 'x.duckdb');
    const error = await buildProgram()
      .parseAsync(['node', 'shoplens', ...command, '--db', missing])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'WarehouseError', kind: 'missing' });
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toMatch(/shoplens seed.*shoplens import/);
    expect(existsSync(path.join(folder, 'typo'))).toBe(false);
  });
});

describe('shoplens ask refuses an empty question', () => {
  it.each(['', '   ', '？?!'])('%j is refused with a clear message before opening anything', async (question) => {
    const missing = path.join(folder, 'never-opened.duckdb');
    const error = await buildProgram()
      .parseAsync(['node', 'shoplens', 'ask', question, '--db', missing])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidQuestionError', parameter: 'question' });
    expect((error as Error).message).toMatch(/The question is empty/);
  });
});
