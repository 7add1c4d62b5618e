import { rmSync } from 'node:fs';
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
