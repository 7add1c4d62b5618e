import type { Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { requestServer, runningServerFor } from './running-server.ts';
import type { ScheduleService } from '../analytics/schedules/schedule-service.ts';
import type { Schedule, ScheduleRun } from '../analytics/schedules/schedule-store.ts';

/**
 * The analyst the CLI acts as: schedules made here are listed by `schedule list` and the web inbox of local-cli.
 * While a server owns the warehouse the commands go through its /api/schedules with the lock file's token, which is
 * this same analyst; the server then also runs due schedules itself.
 */
const CLI_OWNER = 'analyst:local-cli';

interface AddOptions {
  weekly?: string;
  hour: string;
  above?: string;
  below?: string;
  changePct?: string;
  direction: string;
  anomaly?: boolean;
  webhook?: string;
  db?: string;
  json?: boolean;
}

/** Opens the warehouse and the schedule service over it (the real clock, the offline or configured planner). */
async function withService<T>(databasePath: string, work: (service: ScheduleService) => Promise<T>): Promise<T> {

  const [{ Warehouse }, { AnalyticsAgent }, { ScheduleService }, { ScheduleStore }, { llmConfigurationFromEnvironment }, { DEFAULT_QUERY_MEMORY_LIMIT }] = await Promise.all([
    import('../sql/warehouse.ts'),
    import('../analytics/analytics-agent.ts'),
    import('../analytics/schedules/schedule-service.ts'),
    import('../analytics/schedules/schedule-store.ts'),
    import('../agent/llm/llm-configuration.ts'),
    import('../sql/guard/index.ts'),
  ]);
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: DEFAULT_QUERY_MEMORY_LIMIT, create: false });
  try {
    const llm = llmConfigurationFromEnvironment();
    const chatModel = llm ? new (await import('../agent/llm/langchain-chat-model.ts')).LangChainChatModel(llm) : undefined;
    let agent: Awaited<ReturnType<typeof AnalyticsAgent.create>> | undefined;
    const service = new ScheduleService({
      store: new ScheduleStore(warehouse),
      ask: async (question) => {
        agent ??= await AnalyticsAgent.create({ warehouse, chatModel });
        return (await agent.ask(question)).answer;
      },
    });
    return await work(service);
  } finally {
    warehouse.close();
  }
}

function ruleText(schedule: Schedule): string {
  const rule = schedule.rule;
  if (rule.kind === 'threshold') return `${rule.direction} ${rule.value}`;
  if (rule.kind === 'percent_change') return `change ${rule.direction} ${rule.percent}%`;
  return 'anomaly (95% forecast interval)';
}

function runLine(run: ScheduleRun): string {
  return `${run.ranAt}  ${run.status === 'error' ? 'ERROR' : run.fired ? 'ALERT' : 'ok   '}  ${run.value ?? '-'}  ${run.message}${run.webhookStatus ? `  [webhook ${run.webhookStatus}]` : ''}`;
}

export function registerScheduleCommand(program: Command): void {
  const schedule = program.command('schedule').description('Scheduled questions with alert rules (daily or weekly): add, list, run.');

  schedule
    .command('add')
    .description('Schedule a question with an alert rule, e.g. shoplens schedule add "昨天的GMV" --below 10000 --hour 8')
    .argument('<question>', 'the question to re-answer on schedule')
    .option('--weekly <weekday>', 'weekly on this ISO weekday (1 = Monday … 7 = Sunday); daily without it')
    .option('--hour <hour>', 'hour of the day, UTC (0–23)', '8')
    .option('--above <number>', 'alert when the value is above this')
    .option('--below <number>', 'alert when the value is below this')
    .option('--change-pct <percent>', 'alert when the value changes by this many percent from the previous run')
    .option('--direction <direction>', 'for --change-pct: up, down or either', 'either')
    .option('--anomaly', 'alert when the value is outside the forecast model\'s 95% interval over its own earlier runs')
    .option('--webhook <url>', 'POST each firing alert as JSON to this http(s) URL')
    .option('--json', 'print the schedule as JSON')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (question: string, options: AddOptions) => {
      const rules = [
        options.above !== undefined ? { kind: 'threshold', direction: 'above', value: Number(options.above) } : undefined,
        options.below !== undefined ? { kind: 'threshold', direction: 'below', value: Number(options.below) } : undefined,
        options.changePct !== undefined ? { kind: 'percent_change', direction: options.direction, percent: Number(options.changePct) } : undefined,
        options.anomaly ? { kind: 'anomaly' } : undefined,
      ].filter((rule) => rule !== undefined);
      if (rules.length !== 1) throw new Error('Give exactly one alert rule: --above N, --below N, --change-pct P or --anomaly.');
      const { ScheduleRequestSchema } = await import('../analytics/schedules/schedule-service.ts');
      const parsed = ScheduleRequestSchema.safeParse({
        question,
        cadence: options.weekly === undefined ? 'daily' : 'weekly',
        weekday: options.weekly === undefined ? undefined : Number(options.weekly),
        hour: Number(options.hour),
        rule: rules[0],
        webhook_url: options.webhook,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue?.path.join('.') || 'schedule'}: ${issue?.message ?? 'invalid'}. See shoplens schedule add --help.`);
      }
      const server = await runningServerFor(resolveDatabasePath(options.db));
      const created = server
        ? ((await requestServer(server, { method: 'POST', route: '/api/schedules', json: parsed.data })) as Schedule)
        : await withService(resolveDatabasePath(options.db), (service) => service.create(CLI_OWNER, parsed.data));
      process.stdout.write(options.json ? `${JSON.stringify(created)}\n` : `Scheduled ${created.scheduleId}: "${created.question}" ${created.cadence}, next run ${created.nextRunAt}, alert ${ruleText(created)}.\n`);
    });

  schedule
    .command('list')
    .description('List scheduled questions with their rule, next run and latest run.')
    .option('--json', 'print one JSON object { schedules: [...] }')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (options: { json?: boolean; db?: string }) => {
      const server = await runningServerFor(resolveDatabasePath(options.db));
      // Through the server: the CLI analyst's own schedules (the API lists only the caller's).
      const listed = server
        ? ((await requestServer(server, { method: 'GET', route: '/api/schedules' })) as { schedules: Array<Schedule & { lastRun: ScheduleRun | null }> }).schedules
        : await withService(resolveDatabasePath(options.db), async (service) =>
            Promise.all((await service.store.list()).map(async (entry) => ({ ...entry, lastRun: (await service.store.runs(entry.scheduleId, 1))[0] ?? null }))),
          );
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ schedules: listed })}\n`);
        return;
      }
      if (listed.length === 0) {
        process.stdout.write('No scheduled questions. Add one with shoplens schedule add "QUESTION" --above N.\n');
        return;
      }
      for (const entry of listed) {
        const when = entry.cadence === 'weekly' ? `weekly (weekday ${entry.weekday}) ${entry.hour}:00 UTC` : `daily ${entry.hour}:00 UTC`;
        process.stdout.write(`${entry.scheduleId}  "${entry.question}"  ${when}  alert ${ruleText(entry)}  next ${entry.nextRunAt}  owner ${entry.owner}\n`);
        if (entry.lastRun) process.stdout.write(`    last: ${runLine(entry.lastRun)}\n`);
      }
    });

  schedule
    .command('run')
    .description('Run the schedules that are due now, or one schedule by id right away (its timetable stays).')
    .argument('[id]', 'a schedule id from shoplens schedule list')
    .option('--json', 'print one JSON object { runs: [...] }')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (id: string | undefined, options: { json?: boolean; db?: string }) => {
      const server = await runningServerFor(resolveDatabasePath(options.db));
      if (server && !id) {
        process.stdout.write(`The server at ${server.url} (pid ${server.pid}) runs due schedules itself every minute; pass an id to run one now.\n`);
        return;
      }
      const runs = server
        ? [(await requestServer(server, { method: 'POST', route: `/api/schedules/${encodeURIComponent(id as string)}/run` })) as ScheduleRun]
        : await withService(resolveDatabasePath(options.db), async (service) => (id ? [await service.run(await service.store.get(id), { manual: true })] : service.runDue()));
      if (options.json) process.stdout.write(`${JSON.stringify({ runs })}\n`);
      else process.stdout.write(runs.length === 0 ? 'No schedule is due.\n' : `${runs.map(runLine).join('\n')}\n`);
      if (runs.some((run) => run.status === 'error')) process.exitCode = 1;
    });
}
