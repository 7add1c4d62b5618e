import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { buildProgram } from './main.ts';

const BIN = fileURLToPath(new URL('../../bin/shoplens.js', import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-sql-shell-'));
const databasePath = path.join(folder, 'shell.duckdb');

beforeAll(async () => {
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
  await warehouse.run(
    `INSERT INTO events (event_id, user_id, session_id, event_type, event_time)
     SELECT range, range % 50, range // 10, 'view', TIMESTAMP '2025-03-01' + to_minutes(range) FROM range(3000)`,
  );
  await warehouse.run("INSERT INTO users (user_id, user_name, phone) VALUES (1, 'Secret Name', '13900000000')");
  warehouse.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function shell(statement: string): Promise<{ output: string; error: unknown }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const error = await buildProgram()
      .parseAsync(['node', 'shoplens', 'sql', statement, '--json', '--db', databasePath])
      .then(() => undefined, (caught: unknown) => caught);
    return { output: chunks.join(''), error };
  } finally {
    spy.mockRestore();
  }
}

describe('shoplens sql has the same limits as model-written SQL', () => {
  it('caps rows and says so', async () => {
    const { output, error } = await shell('SELECT * FROM range(20000)');
    expect(error).toBeUndefined();
    const parsed = JSON.parse(output) as { rows: unknown[]; truncated: boolean; truncatedBy: string };
    expect(parsed.rows).toHaveLength(10_000);
    expect(parsed).toMatchObject({ truncated: true, truncatedBy: 'row_cap' });
  });

  it('refuses range(1e12) at once and personal columns', async () => {
    expect((await shell('SELECT count(*) FROM range(1e12)')).error).toMatchObject({ kind: 'forbidden_function', reason: 'range_too_large' });
    const personal = await shell('SELECT user_name, phone FROM users');
    expect(personal.error).toMatchObject({ kind: 'personal_data' });
    expect(personal.output).not.toContain('Secret Name');
    expect(JSON.parse((await shell('SELECT count(DISTINCT phone) AS phones FROM users')).output)).toMatchObject({ rows: [{ phones: 1 }] });
  });

  it('stops a self cross join of events at the timeout (SHOPLENS_QUERY_TIMEOUT_MS, default 10 s)', async () => {
    vi.stubEnv('SHOPLENS_QUERY_TIMEOUT_MS', '1500');
    try {
      const started = performance.now();
      const { error } = await shell('SELECT count(*) FROM events a, events b, events c WHERE a.event_id + b.event_id + c.event_id < 0');
      expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 1500 });
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 20_000);

  it('a 2e9-character repeat() in a separate process ends with a timeout message right after the deadline', () => {
    const environment = { ...process.env, SHOPLENS_QUERY_TIMEOUT_MS: '500' };
    // Start-up cost of the CLI on this (shared) machine, measured the same way, as the baseline.
    const baselineStarted = performance.now();
    const baseline = spawnSync(process.execPath, [BIN, 'sql', 'SELECT 1', '--db', databasePath], { encoding: 'utf8', timeout: 40_000, env: environment });
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    expect(baseline.status).toBe(0);
    const started = performance.now();
    const run = spawnSync(process.execPath, [BIN, 'sql', "SELECT length(repeat('x', (SELECT 2000000000)))", '--db', databasePath], {
      encoding: 'utf8',
      timeout: 60_000,
      env: environment,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(run.stderr).toMatch(/QueryTimeoutError: The query took longer than 0.5 s/);
    // Ended by itself (SIGKILL, see sql-command.ts) once the message is out: every normal exit waits for DuckDB.
    expect(run.signal).toBe('SIGKILL');
    // Start-up + 0.5 s + at most 1 s of grace (+1.5 s slack for a busy machine); the repeat alone takes 7–26 s here.
    expect(seconds).toBeLessThan(baselineSeconds + 3);
  }, 90_000);
});
