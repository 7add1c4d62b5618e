import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeedOptionsError } from '../seed/seed-error.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { registerSeedCommand } from './seed-command.ts';

let directory: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'shoplens-seed-command-'));
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<void> {
  const program = new Command('shoplens').exitOverride();
  registerSeedCommand(program);
  await program.parseAsync(['node', 'shoplens', 'seed', ...argv]);
}

describe('shoplens seed', () => {
  it('refuses bad options by name before touching the warehouse', async () => {
    const databasePath = path.join(directory, 'bad.duckdb');
    const failure = run('--users', 'many', '--db', databasePath);
    await expect(failure).rejects.toBeInstanceOf(SeedOptionsError);
    await expect(failure).rejects.toMatchObject({ parameter: '--users' });
    await expect(run('--end-date', '30/11/2025', '--db', databasePath)).rejects.toMatchObject({ parameter: '--end-date' });
    expect(existsSync(databasePath)).toBe(false);
  });

  it('seeds the file, reports phases on a non-terminal stderr and prints a summary', async () => {
    const databasePath = path.join(directory, 'demo.duckdb');
    await run('--users', '60', '--days', '7', '--seed', '5', '--end-date', '2025-06-20', '--db', databasePath);

    const summary = stdout.join('');
    expect(summary).toContain('60 users × 7 days (2025-06-14 … 2025-06-20), seed 5');
    expect(summary).toMatch(/events\/s/);
    expect(stderr.join('')).toMatch(/seed: users \(60\)/);
    expect(stderr.join('')).toMatch(/seed: loading tables/);

    const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-only' });
    try {
      const { rows } = await warehouse.query(
        `SELECT (SELECT count(*) FROM users) AS users, (SELECT value FROM meta WHERE key = 'end_date') AS end_date,
                (SELECT min(event_time)::DATE::VARCHAR FROM events) AS first_day`,
      );
      expect(rows[0]).toEqual({ users: 60, end_date: '2025-06-20', first_day: '2025-06-14' });
      const reported = Number(/events\s*\|\s*(\d+)/.exec(summary)?.[1]);
      const { rows: counted } = await warehouse.query('SELECT count(*) AS events FROM events');
      expect(reported).toBe(counted[0]?.events);
    } finally {
      warehouse.close();
    }
  });
});
