import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverLockPath, ServerLockSchema } from '../server/server-lock-file.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';

/**
 * With `shoplens serve` running (its own process, as `npm start` runs it), every README command works in a second
 * process: ask, demo, sql, describe, schedule, import, seed, model and sentiment go through the server's API; and eval runs on a snapshot the server copies.
 */
const BIN = fileURLToPath(new URL('../../bin/shoplens.js', import.meta.url));
const RETAIL_SAMPLE = fileURLToPath(new URL('../../../shared/data/online_retail_sample.csv', import.meta.url));
// The import test reads in a loop while an import runs: a per-user rate limit above the default 20/1 for that.
const environment = { ...process.env, SHOPLENS_JWT_SECRET: 'second-terminal-test-secret-0123456789abcdef', SHOPLENS_DEBUG: '', SHOPLENS_RATE_USER: '1000/100' };

let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
let server: ChildProcess;
let serverExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

function shoplens(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: environment, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 300, days: 30 });
  server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', demo.path], { env: environment, stdio: ['ignore', 'ignore', 'pipe'] });
  serverExit = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 60_000;
  while (!existsSync(serverLockPath(demo.path))) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await serverExit;
  }
  demo?.remove();
});

describe('a second terminal while the server runs', () => {
  it('the lock file names the pid and URL and is private to the user', () => {
    const lock = ServerLockSchema.parse(JSON.parse(readFileSync(serverLockPath(demo.path), 'utf8')));
    expect(lock.pid).toBe(server.pid);
    expect(lock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lock.databasePath).toBe(demo.path);
  });

  it('shoplens ask (text and --json) is answered through the server', () => {
    const text = shoplens('ask', 'GMV by city tier last month', '--db', demo.path);
    expect(text.stderr).not.toMatch(/lock/i);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/conversation [0-9a-f-]{36}/);
    const json = shoplens('ask', '上周哪个品类的转化率最高?', '--json', '--db', demo.path);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: expect.any(String), language: 'zh' });
  }, 60_000);

  it('shoplens demo is answered through the server', () => {
    const demoRun = shoplens('demo', '--db', demo.path);
    expect(demoRun.stderr).not.toMatch(/lock/i);
    expect(demoRun.status).toBe(0);
    expect(demoRun.stdout).toContain('❯ GMV by city tier last month');
    expect(demoRun.stdout).toMatch(/answered by the server at http:\/\/127\.0\.0\.1:\d+/);
  }, 60_000);

  it('shoplens sql is answered through the server with the same guard', () => {
    const count = shoplens('sql', 'select count(*) as n from events', '--json', '--db', demo.path);
    expect(count.status).toBe(0);
    const parsed = JSON.parse(count.stdout) as { rows: Array<{ n: number }> };
    expect(parsed.rows[0]?.n).toBeGreaterThan(0);
    const personal = shoplens('sql', 'select phone from users', '--db', demo.path);
    expect(personal.status).toBe(1);
    expect(personal.stderr).toMatch(/Personal data/);
  }, 60_000);

  it('shoplens describe is answered through the server', () => {
    const json = shoplens('describe', '--json', '--db', demo.path);
    expect(json.stderr).not.toMatch(/lock/i);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ tableRows: { orders: expect.any(Number) } });
  }, 60_000);

  it('shoplens schedule add, list and run go through the server', () => {
    const added = shoplens('schedule', 'add', 'GMV yesterday', '--below', '1', '--json', '--db', demo.path);
    expect(added.stderr).not.toMatch(/lock/i);
    expect(added.status).toBe(0);
    const { scheduleId } = JSON.parse(added.stdout) as { scheduleId: string };
    const listed = JSON.parse(shoplens('schedule', 'list', '--json', '--db', demo.path).stdout) as { schedules: Array<{ scheduleId: string; owner: string }> };
    expect(listed.schedules).toContainEqual(expect.objectContaining({ scheduleId, owner: 'analyst:local-cli' }));
    const ran = shoplens('schedule', 'run', scheduleId, '--json', '--db', demo.path);
    expect(JSON.parse(ran.stdout)).toMatchObject({ runs: [{ scheduleId, status: expect.any(String) }] });
  }, 60_000);

  it('shoplens import goes through the server: one transaction, readers keep the old snapshot until commit, a bad file changes nothing', async () => {
    const lock = ServerLockSchema.parse(JSON.parse(readFileSync(serverLockPath(demo.path), 'utf8')));
    const counts = async () => {
      // One statement is one snapshot: all four counts come from the same committed state.
      const response = await fetch(new URL('/api/sql', lock.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${lock.token}` },
        body: JSON.stringify({ sql: 'select (select count(*) from orders) as o, (select count(*) from order_items) as i, (select count(*) from users) as u, (select count(*) from products) as p' }),
      });
      const body = (await response.json()) as { rows: unknown[] };
      if (!response.ok) throw new Error(`/api/sql answered ${response.status}: ${JSON.stringify(body)}`);
      return JSON.stringify(body.rows[0]);
    };
    const folder = path.dirname(demo.path);
    const lines = readFileSync(RETAIL_SAMPLE, 'utf8').split('\n');
    const bad = path.join(folder, 'retail-bad.csv');
    // A value no reader can use on line 4: over the 0.1% of unreadable rows an import may drop.
    writeFileSync(bad, [lines[0], lines[1], lines[2], lines[3]!.replace(/,(\d+),(\d{4}-\d\d-\d\d)/, ',lots,$2'), lines[4], ''].join('\n'));
    const before = await counts();
    const refused = shoplens('import', '--format', 'online-retail', '--currency', 'CNY', bad, '--db', demo.path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/ImportError: retail-bad\.csv.*line 4/);
    expect(refused.stderr).not.toContain('.imports');
    expect(await counts()).toBe(before);

    const small = path.join(folder, 'retail-small.csv');
    writeFileSync(small, `${lines.slice(0, 301).join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'import', '--format', 'online-retail', '--currency', 'CNY', small, '--json', '--db', demo.path], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));
    // Read while the import runs: every read sees either the old or the new data, never part of it.
    const seenWhileImporting: string[] = [];
    while (running) {
      const seen = await counts();
      if (stderr.includes('importing through the server') && running) seenWhileImporting.push(seen);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await exited, stderr).toBe(0);
    const report = JSON.parse(stdout) as { inserted: Record<string, number>; files: string[] };
    expect(report.files).toEqual([small]);
    const after = await counts();
    const [old, now] = [JSON.parse(before) as Record<string, number>, JSON.parse(after) as Record<string, number>];
    expect(now.o).toBe(old.o! + report.inserted.orders!);
    expect(now.i).toBe(old.i! + report.inserted.order_items!);
    expect(seenWhileImporting.length).toBeGreaterThan(0);
    expect(seenWhileImporting.every((seen) => seen === before || seen === after)).toBe(true);
    expect(seenWhileImporting).toContain(before);
    // The uploads are gone once the import has run.
    expect(readdirSync(`${demo.path}.imports`)).toEqual([]);
  }, 90_000);

  it('shoplens token works; model and sentiment run in the server and print what they print alone', () => {
    expect(shoplens('token', '--analyst').status).toBe(0);
    const model = shoplens('model', 'segments', '--json', '--db', demo.path);
    expect(model.stderr).not.toMatch(/lock/i);
    expect(model.status).toBe(0);
    expect(JSON.parse(model.stdout)).toMatchObject({ name: 'segments', model: expect.any(String), metrics: expect.any(Object), trainedAt: expect.any(String) });
    const unknown = shoplens('model', 'nonsense', '--db', demo.path);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No model named "nonsense"/);
    const sentiment = shoplens('sentiment', '质量很好,物流也快', '--json', '--db', demo.path);
    expect(sentiment.stderr).not.toMatch(/lock/i);
    expect(sentiment.status).toBe(0);
    expect(JSON.parse(sentiment.stdout)).toMatchObject({ text: '质量很好,物流也快', label: 'positive', score: expect.any(Number) });
  }, 90_000);

  it('shoplens seed runs in the server: the behaviour tables are replaced in one transaction and the server answers from the new data', async () => {
    const refused = shoplens('seed', '--users', '0', '--db', demo.path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--users must be/);
    const seeded = shoplens('seed', '--users', '120', '--days', '7', '--db', demo.path);
    expect(seeded.stderr).not.toMatch(/lock/i);
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/Seeded .*: 120 users × 7 days/);
    const users = JSON.parse(shoplens('sql', 'select count(*) as n from users', '--json', '--db', demo.path).stdout) as { rows: Array<{ n: number }> };
    expect(users.rows[0]?.n).toBe(120);
    // The server's agents were rebuilt over the new data: a question is answered, not refused.
    const asked = shoplens('ask', 'GMV by city tier last week', '--json', '--db', demo.path);
    expect(asked.status).toBe(0);
  }, 90_000);

  it('npm run eval on the same warehouse evaluates a snapshot the server copies, and leaves no copy behind', () => {
    const evals = fileURLToPath(new URL('../../evals/run-evals.ts', import.meta.url));
    const out = path.join(path.dirname(demo.path), 'eval-runs');
    const run = spawnSync(process.execPath, ['--import', 'tsx', evals, '--db', demo.path, '--set', 'dev', '--only', 'breakdown-gmv-category-last-month-en', '--planner', 'offline', '--out', out], {
      encoding: 'utf8',
      env: environment,
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/lock/i);
    expect(run.stderr).toContain(`is served by pid ${server.pid}: evaluating a snapshot it copied`);
    expect(run.stdout).toMatch(/== dev set/);
    expect(readdirSync(`${demo.path}.imports`)).toEqual([]);
  }, 90_000);

  it('SIGTERM stops the server cleanly and removes the lock file', async () => {
    server.kill('SIGTERM');
    const exit = await serverExit;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(existsSync(serverLockPath(demo.path))).toBe(false);
    expect(existsSync(`${demo.path}.imports`)).toBe(false);
    // Without a server, sql opens the warehouse read-only itself.
    const direct = shoplens('sql', 'select count(*) as n from orders', '--json', '--db', demo.path);
    expect(direct.status).toBe(0);
  }, 30_000);
});
