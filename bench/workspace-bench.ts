import { performance } from 'node:perf_hooks';
import { answerEditsRouter } from '../src/server/answer-edits/answer-edits-api.ts';
import { dashboardsRouter } from '../src/server/dashboards/dashboards-api.ts';
import { xlsxExportRouter } from '../src/server/exports/xlsx-export-api.ts';
import { startWorkspaceFixture, WORKSPACE_TEST_SECRET } from '../src/server/testing/workspace-fixture.ts';
import { EditedAnswerSchema, PinResponseSchema } from '../src/server/web/workspace-api-schemas.ts';

const QUESTIONS = ['GMV by category last week', '上周各城市等级的转化率', 'Daily GMV in the last 30 days', 'Top 5 brands by GMV last week', '近7天每天的订单数', 'average order value by device'];

function summary(times: number[]): string {
  const sorted = [...times].sort((left, right) => left - right);
  return `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (${sorted.length} runs)`;
}

/**
 * The analyst workspace over HTTP on a small seeded demo (300 users, 30 days): opening a dashboard of six pinned
 * answers (each re-run under the guard), re-running edited SQL that hits the 10,000-row cap, and exporting that
 * result as XLSX (time and file size).
 */
export async function runWorkspaceBench(rounds = 5): Promise<void> {
  const fixture = await startWorkspaceFixture((app, warehouse) => {
    const authentication = { secret: WORKSPACE_TEST_SECRET };
    app.use(dashboardsRouter({ warehouse, authentication }));
    app.use(answerEditsRouter({ warehouse, authentication }));
    app.use(xlsxExportRouter({ warehouse, authentication }));
  });
  try {
    const headers = await fixture.headersOf('bench');
    const stored = [];
    for (const question of QUESTIONS) stored.push(await fixture.storeAnswer('bench', question));
    let dashboardId: string | undefined;
    for (const answer of stored) {
      const response = await fetch(`${fixture.url}/api/web/dashboards/pins`, { method: 'POST', headers, body: JSON.stringify({ answer, ...(dashboardId ? { dashboardId } : { newDashboardName: 'Bench' }) }) });
      dashboardId = PinResponseSchema.parse(await response.json()).dashboard.dashboardId;
    }
    const open: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const started = performance.now();
      const response = await fetch(`${fixture.url}/api/web/dashboards/${dashboardId}`, { headers });
      await response.json();
      open.push(performance.now() - started);
    }
    process.stdout.write(`dashboard of ${QUESTIONS.length} pinned answers, re-run on open: ${summary(open)}\n`);

    const rerun: number[] = [];
    const exported: number[] = [];
    let bytes = 0;
    let rows = 0;
    for (let round = 0; round < rounds; round += 1) {
      let started = performance.now();
      const response = await fetch(`${fixture.url}/api/web/answers/rerun`, { method: 'POST', headers, body: JSON.stringify({ answer: stored[0], sql: 'SELECT range AS n, range * 1.5 AS amount, (range % 7)::VARCHAR AS label FROM range(20000)' }) });
      const edited = EditedAnswerSchema.parse(await response.json());
      rerun.push(performance.now() - started);
      rows = edited.answer.rows.length;
      started = performance.now();
      const file = await fetch(`${fixture.url}/api/web/answers/xlsx`, { method: 'POST', headers, body: JSON.stringify({ ...stored[0], editId: edited.editId }) });
      bytes = (await file.arrayBuffer()).byteLength;
      exported.push(performance.now() - started);
    }
    process.stdout.write(`edited SQL re-run (${rows.toLocaleString('en-US')} rows, row cap): ${summary(rerun)}\n`);
    process.stdout.write(`XLSX export of those rows (re-run included): ${summary(exported)}, ${(bytes / 1024).toFixed(0)} kB\n`);
  } finally {
    await fixture.close();
  }
}
