import type { Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { postToServer, runningServerFor } from './running-server.ts';
import { seedProgressReporter } from './seed-command.ts';

const SHOWCASE_QUESTIONS = [
  '上周哪个品类的转化率最高?',
  'GMV by city tier last month',
  '双十一的成交额和订单数',
  'Why did GMV drop last week?',
];

const NEXT_STEPS = 'Next: npx shoplens ask "近7天每天的订单数"   ·   npx shoplens sql "select count(*) from events" --json\n';

async function seedIfEmpty(databasePath: string): Promise<void> {
  const [{ Warehouse }, { seedDemo }] = await Promise.all([import('../sql/warehouse.ts'), import('../seed/seed-demo.ts')]);
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
  try {
    const existing = await warehouse.query('SELECT count(*) AS events FROM events');
    if (existing.rows[0]?.events === 0) {
      process.stderr.write(`Seeding the demo warehouse at ${databasePath} …\n`);
      const progress = await seedProgressReporter();
      try {
        await seedDemo(warehouse, {}, progress.report);
        progress.reporter.done();
      } finally {
        progress.reporter.stop();
      }
    }
  } finally {
    warehouse.close();
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Seed the default demo warehouse if it is empty, then answer a few questions with the offline agent.')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (options: { db?: string }) => {
      const databasePath = resolveDatabasePath(options.db);
      const server = await runningServerFor(databasePath);
      if (server) {
        // A server owns the warehouse (it seeded it when it started): its agent answers the same questions.
        const [{ AnswerSchema }, { formatAnswerTable }] = await Promise.all([import('../analytics/answer/answer.ts'), import('./format-answer-table.ts')]);
        let asOf = '';
        for (const question of SHOWCASE_QUESTIONS) {
          const answer = AnswerSchema.parse(await postToServer(server, '/api/ask', { question }));
          asOf = answer.as_of ?? asOf;
          process.stdout.write(`\n❯ ${question}\n${answer.answer}\n${formatAnswerTable(answer, 8)}\n[${answer.planner}, ${answer.timings.total_ms} ms]\n`);
        }
        process.stdout.write(`\nWarehouse: ${databasePath}, answered by the server at ${server.url} (data as of ${asOf})\n${NEXT_STEPS}`);
        return;
      }
      await seedIfEmpty(databasePath);
      const [{ Warehouse }, { AnalyticsAgent }, { formatAnswerTable }] = await Promise.all([
        import('../sql/warehouse.ts'),
        import('../analytics/analytics-agent.ts'),
        import('./format-answer-table.ts'),
      ]);
      const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB' });
      try {
        const agent = await AnalyticsAgent.create({ warehouse });
        for (const question of SHOWCASE_QUESTIONS) {
          const { answer } = await agent.ask(question);
          const table = formatAnswerTable(answer, 8);
          process.stdout.write(`\n❯ ${question}\n${answer.answer}\n${table}\n[${answer.planner}, ${answer.timings.total_ms} ms]\n`);
        }
        process.stdout.write(
          `\nWarehouse: ${databasePath} (data as of ${agent.asOf})\n${NEXT_STEPS}`,
        );
      } finally {
        warehouse.close();
      }
    });
}
