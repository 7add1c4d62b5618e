import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureOutput } from '../testing/capture-output.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { main } from './main.ts';

describe('shoplens schedule add | list | run', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
  }, 120_000);
  afterAll(() => demo?.remove());

  const cli = async (...args: string[]) => {
    const output = captureOutput();
    try {
      const code = await main(['node', 'shoplens', 'schedule', ...args, '--db', demo.path]);
      return { code, stdout: output.stdout.join(''), stderr: output.stderr.join('') };
    } finally {
      output.restore();
    }
  };

  it('adds a schedule, lists it, runs it now and shows the alert it fired', async () => {
    const added = await cli('add', 'GMV last week', '--above', '1', '--hour', '6', '--json');
    expect(added.code).toBe(0);
    const schedule = z.object({ scheduleId: z.string(), cadence: z.literal('daily'), hour: z.literal(6) }).parse(JSON.parse(added.stdout));

    const listed = await cli('list');
    expect(listed.stdout).toContain(schedule.scheduleId);
    expect(listed.stdout).toContain('"GMV last week"  daily 6:00 UTC  alert above 1');

    const ran = await cli('run', schedule.scheduleId, '--json');
    expect(ran.code).toBe(0);
    const runs = z.object({ runs: z.array(z.object({ status: z.literal('ok'), fired: z.boolean(), value: z.number(), message: z.string() })) }).parse(JSON.parse(ran.stdout)).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]?.fired).toBe(true);
    expect(runs[0]?.message).toMatch(/above the threshold ¥1\.00/);

    const again = await cli('list');
    expect(again.stdout).toMatch(/last: .* ALERT /);
  });

  it('says what is wrong with a bad schedule', async () => {
    expect((await cli('add', 'GMV', '--above', '1', '--below', '2')).stderr).toMatch(/exactly one alert rule/);
    expect((await cli('add', 'GMV', '--anomaly', '--weekly', '9')).stderr).toMatch(/weekday/);
    expect((await cli('add', 'GMV', '--anomaly', '--webhook', 'gopher://x')).stderr).toMatch(/webhook_url/);
    expect((await cli('run', '00000000-0000-4000-8000-000000000000')).stderr).toMatch(/No schedule/);
  });
});
