import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvalRunReader } from '../../src/server/web/eval-run-reader.ts';
import { runSupportSuite } from './run-support-suite.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'support-runs-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('npm run eval support', () => {
  it('plays tasks over the real server and writes a run the eval viewer reads', async () => {
    // A tracking question (read only) and a trap whose shopper confirms whatever card is shown.
    const { results } = await runSupportSuite({ out: folder, runId: 'support-test', only: 'tracking-en-1,wrong-target-zh-2', quiet: true });
    expect(results.map((result) => result.task.id).sort()).toEqual(['tracking-en-1', 'wrong-target-zh-2']);
    const tracking = results.find((result) => result.task.id === 'tracking-en-1');
    expect(tracking?.lines[0]?.who).toBe('shopper');
    expect(tracking?.lines.some((line) => line.who === 'bot')).toBe(true);
    const reader = new EvalRunReader(folder);
    const detail = await reader.runDetail('support-test');
    expect(detail.run.overall.total).toBe(2);
    expect(Object.keys(detail.run.byShape).sort()).toEqual(['tracking', 'wrong_target']);
    const document = await reader.question('support-test', 'tracking-en-1');
    expect(document.shape).toBe('tracking');
    expect(document.transcript.length).toBe(tracking?.lines.length);
  }, 120_000);

  it('passes at least 90% of the tasks overall and in each language (the issue-11 gate)', async () => {
    const { code, results } = await runSupportSuite({ out: folder, runId: 'support-gate', quiet: true, minSuccess: 0.9 });
    const rate = (language?: string) => {
      const chosen = results.filter((result) => !language || result.task.language === language);
      return chosen.filter((result) => result.passed).length / chosen.length;
    };
    expect(results.length).toBeGreaterThanOrEqual(120);
    for (const value of [rate(), rate('en'), rate('zh')]) expect(value).toBeGreaterThanOrEqual(0.9);
    expect(code).toBe(0);
  }, 600_000);
});
