import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { ConversationRepository } from '../src/server/conversation-repository.ts';
import { SupportAgent } from '../src/support/support-agent.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { ORDER_COLUMNS_SQL } from '../src/support/orders/order-record.ts';
import { percentile } from './support-load-bench.ts';

const QUESTIONS = ['Where is my order?', '我的订单到哪了?', 'What is the status of my latest order?', '订单什么时候到?'];

/**
 * One real SupportAgent turn, measured apart from sockets: how long a turn takes alone and how many turns per
 * second `concurrency` turns at once sustain, plus every SQL statement the turns ran (count and total time,
 * slowest first). Run under `node --cpu-prof` to see where the CPU goes:
 *   npx tsx bench/support-turn-profile.ts [--turns 400] [--concurrency 8]
 */
export async function profileSupportTurns(options: { turns?: number; concurrency?: number; readConnections?: number } = {}): Promise<void> {
  const turns = options.turns ?? 400;
  const concurrency = options.concurrency ?? 8;
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-turn-profile-'));
  // Seeding takes most of a run; reuse one seeded file between runs of this script.
  const seeded = path.join(tmpdir(), 'shoplens-turn-profile-seed-11.duckdb');
  const databasePath = path.join(folder, 'demo.duckdb');
  try {
    if (!existsSync(seeded)) {
      const seeding = await Warehouse.open({ path: `${seeded}.partial`, mode: 'read-write' });
      await seedDemo(seeding, { users: 3000, days: 30, seed: 11 });
      seeding.close();
      copyFileSync(`${seeded}.partial`, seeded);
      rmSync(`${seeded}.partial`, { force: true });
    }
    copyFileSync(seeded, databasePath);
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB', readConnections: options.readConnections });
    // Measured while turns run one at a time, so each statement's CPU (all threads) is its own.
    const statements = new Map<string, { count: number; ms: number; cpuMs: number }>();
    let measuring = false;
    const timed = <T>(sql: string, work: () => Promise<T>): Promise<T> => {
      if (!measuring) return work();
      const started = performance.now();
      const cpu = process.cpuUsage();
      return work().finally(() => {
        const used = process.cpuUsage(cpu);
        const key = sql.replace(/\s+/g, " ").trim().replace(ORDER_COLUMNS_SQL.replace(/\s+/g, " "), "<order columns>").slice(0, 150);
        const entry = statements.get(key) ?? { count: 0, ms: 0, cpuMs: 0 };
        entry.count += 1;
        entry.ms += performance.now() - started;
        entry.cpuMs += (used.user + used.system) / 1000;
        statements.set(key, entry);
      });
    };
    const query = warehouse.query.bind(warehouse);
    const run = warehouse.run.bind(warehouse);
    warehouse.query = (sql, parameters) => timed(sql, () => query(sql, parameters));
    warehouse.run = (sql, parameters) => timed(sql, () => run(sql, parameters));
    const customers = (await warehouse.query('SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id LIMIT 500')).rows.map((row) => Number(row.user_id));
    const agent = await SupportAgent.create({ warehouse });
    const repository = new ConversationRepository(warehouse);
    const conversations = await Promise.all(
      customers.map((customerId) => repository.create({ kind: 'support', customerId, language: 'en', title: 'profile', scope: { kind: 'customer', customerId } }).then((conversationId) => ({ conversationId, customerId }))),
    );
    const cpuBefore = process.cpuUsage();
    const turnOf = async (index: number) => {
      const { conversationId, customerId } = conversations[index % conversations.length] as { conversationId: string; customerId: number };
      const started = performance.now();
      await agent.handleMessage({ conversationId, session: { scope: { kind: 'customer', customerId } }, text: QUESTIONS[index % QUESTIONS.length] as string });
      return performance.now() - started;
    };
    const alone: number[] = [];
    measuring = true;
    const aloneCpu = process.cpuUsage();
    for (let index = 0; index < Math.min(100, turns); index += 1) alone.push(await turnOf(index));
    const aloneCpuUsed = process.cpuUsage(aloneCpu);
    // The same shoppers again (a chat's later messages): what the warehouse's read cache saves.
    const firstStatements = new Map(statements);
    statements.clear();
    const again: number[] = [];
    const againCpu = process.cpuUsage();
    for (let index = 0; index < alone.length; index += 1) again.push(await turnOf(index + QUESTIONS.length * conversations.length));
    const againCpuUsed = process.cpuUsage(againCpu);
    measuring = false;
    alone.sort((left, right) => left - right);
    again.sort((left, right) => left - right);
    let next = 0;
    const together: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < turns) together.push(await turnOf(next++));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    together.sort((left, right) => left - right);
    const print = (line: string) => process.stdout.write(`${line}\n`);
    const cpu = process.cpuUsage(cpuBefore);
    print(`support turn (real SupportAgent, offline planner, ${conversations.length} conversations, read connections ${options.readConnections ?? 'default'})`);
    print(`  process CPU ${((cpu.user + cpu.system) / 1000 / totalTurnsOf(alone.length * 2, turns)).toFixed(1)} ms per turn (all threads, the turns only)`);
    print(`  first turn of a shopper, one at a time: p50 ${percentile(alone, 0.5).toFixed(1)} ms, p99 ${percentile(alone, 0.99).toFixed(1)} ms, CPU ${((aloneCpuUsed.user + aloneCpuUsed.system) / 1000 / alone.length).toFixed(1)} ms per turn`);
    print(`  the same shoppers again, one at a time: p50 ${percentile(again, 0.5).toFixed(1)} ms, p99 ${percentile(again, 0.99).toFixed(1)} ms, CPU ${((againCpuUsed.user + againCpuUsed.system) / 1000 / again.length).toFixed(1)} ms per turn`);
    print(`  ${concurrency} at once: ${(turns / seconds).toFixed(1)} turns/s, p50 ${percentile(together, 0.5).toFixed(1)} ms, p99 ${percentile(together, 0.99).toFixed(1)} ms`);
    for (const [label, measured] of [['a shopper\'s first turn', firstStatements], ['the same shopper again', statements]] as const) {
      print(`  SQL per turn through warehouse.query/run, ${label}, one turn at a time (statements per turn, wall ms, CPU ms per turn; cached reads do not reach query):`);
      for (const [sql, entry] of [...measured].sort((left, right) => right[1].cpuMs - left[1].cpuMs).slice(0, 12)) {
        print(`    ${(entry.count / alone.length).toFixed(2)}× ${(entry.ms / alone.length).toFixed(2)} ms, CPU ${(entry.cpuMs / alone.length).toFixed(2)} ms  ${sql}`);
      }
    }
    await repository.close();
    warehouse.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function totalTurnsOf(alone: number, together: number): number {
  return alone + together;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const turnsIndex = process.argv.indexOf('--turns');
  const concurrencyIndex = process.argv.indexOf('--concurrency');
  const readIndex = process.argv.indexOf('--read-connections');
  await profileSupportTurns({
    turns: turnsIndex > 0 ? Number(process.argv[turnsIndex + 1]) : undefined,
    concurrency: concurrencyIndex > 0 ? Number(process.argv[concurrencyIndex + 1]) : undefined,
    readConnections: readIndex > 0 ? Number(process.argv[readIndex + 1]) : undefined,
  });
}
