import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { ImportError } from '../importers/import-error.ts';
import { temporaryFolder } from '../importers/test-files.ts';
import { DEFAULT_MAX_INVALID_FRACTION } from '../importers/run-import.ts';
import { HELP_MAX_INVALID_FRACTION, registerImportCommand } from './import-command.ts';

const FIXTURE = fileURLToPath(new URL('../importers/fixtures/online-retail-edge-cases.csv', import.meta.url));
const folder = temporaryFolder('import-command');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function program(): Command {
  const root = new Command('shoplens').exitOverride();
  registerImportCommand(root);
  return root;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('shoplens import', () => {
  it('shows the importers\' real default share of dropped rows', () => {
    expect(HELP_MAX_INVALID_FRACTION).toBe(DEFAULT_MAX_INVALID_FRACTION);
  });

  it('prints the data-quality report and stores it in import_runs', async () => {
    const output: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    const databasePath = path.join(folder, 'cli.duckdb');
    await program().parseAsync(['node', 'shoplens', 'import', '--format', 'online-retail', '--db', databasePath, FIXTURE]);
    const text = output.join('');
    expect(text).toMatch(/read\s+13\s+100%/);
    expect(text).toMatch(/kept\s+10\s+76\.9%/);
    expect(text).toMatch(/duplicate row\s+1/);
    expect(text).toMatch(/CustomerID\s+1/);
    expect(text).toMatch(/Quantity\s+1\s+kept/);

    const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-only' });
    try {
      const runs = await warehouse.query('SELECT format, files, rows_read, rows_kept, report FROM import_runs');
      expect(runs.rows).toHaveLength(1);
      expect(runs.rows[0]).toMatchObject({ format: 'online-retail', files: [FIXTURE], rows_read: 13, rows_kept: 10 });
      const report = JSON.parse(String(runs.rows[0]?.report)) as { dropped: Record<string, number> };
      expect(report.dropped['zero price']).toBe(1);
    } finally {
      warehouse.close();
    }
  });

  it.each([
    ['--memory-limit', 'lots', /--memory-limit must be a size such as 512MB or 12GB/],
    ['--memory-limit', '12GB; DROP TABLE orders', /--memory-limit must be/],
    ['--batches', 'abc', /--batches must be/],
    ['--batches', '0', /--batches must be at least 1/],
    ['--batches', '2.5', /--batches must be a whole number/],
    ['--batches', '100000', /--batches must be at most 1000/],
    ['--currency', 'pounds', /--currency: "pounds" is not a three-letter ISO 4217 code/],
    ['--timezone', 'Mars/Olympus', /--timezone: "Mars\/Olympus" is not an IANA time zone/],
  ])('refuses %s %s with an error naming the option, before any warehouse is created', async (option, value, message) => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const databasePath = path.join(folder, 'never', 'created.duckdb');
    const error = await program()
      .parseAsync(['node', 'shoplens', 'import', '--format', 'taobao-user-behavior', '--db', databasePath, option, value, FIXTURE])
      .catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(message);
    expect(existsSync(path.join(folder, 'never'))).toBe(false);
  });

  it('fails with an ImportError for a missing file and rejects unknown formats', async () => {
    const databasePath = path.join(folder, 'errors.duckdb');
    const missing = path.join(folder, 'missing.csv');
    await expect(program().parseAsync(['node', 'shoplens', 'import', '--format', 'online-retail', '--db', databasePath, missing])).rejects.toBeInstanceOf(ImportError);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(program().parseAsync(['node', 'shoplens', 'import', '--format', 'excel', '--db', databasePath, FIXTURE])).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
  });
});
