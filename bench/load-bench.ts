import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnalyticsAgent } from '../src/analytics/analytics-agent.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { signToken } from '../src/server/auth/tokens.ts';
import { createShopLensServer } from '../src/server/create-server.ts';
import { createLogger } from '../src/server/request-logging.ts';
import { loadSupportBackend } from '../src/server/support-backend.ts';
import { FakeHandoffDesk, FakeSupportResponder } from '../src/server/testing/fake-support.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import type { ClientPlan, ClientReport } from './load-clients.ts';
import { percentile, runShopper, type ClientOutcome } from './support-load-bench.ts';

/**
 * CPU seconds of this process's main thread (the JavaScript event loop) from /proc, or NaN where there is none: the
 * rest of the process's CPU is DuckDB's worker threads and libuv's pool.
 */
function mainThreadCpuSeconds(): number {
  try {
    // Fields after the command's closing parenthesis: state is 3rd, utime 14th and stime 15th of the whole line.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** `all` (sorted) without one occurrence of each value of `some`: the later messages' latencies. */
function withoutOnce(all: readonly number[], some: readonly number[]): number[] {
  const left = new Map<number, number>();
  for (const value of some) left.set(value, (left.get(value) ?? 0) + 1);
  return all.filter((value) => {
    const count = left.get(value) ?? 0;
    if (count === 0) return true;
    left.set(value, count - 1);
    return false;
  });
}

/** Runs the shoppers in a child process (bench/load-clients.ts) and returns what they measured. */
function runClientProcess(plan: ClientPlan): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-clients.ts', import.meta.url), [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: unknown) => {
      settled = true;
      // The report is all this process needs: a client process that does not exit on its own (a socket it failed to
      // close) must not keep this one alive through the IPC channel.
      child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      const answer = message as { ok: true; report: ClientReport } | { ok: false; error: string };
      if (answer.ok) resolve(answer.report);
      else reject(new Error(`load clients failed: ${answer.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load clients exited with code ${code} before reporting`));
    });
    child.send(plan);
  });
}

const SECRET = 'load-bench-secret-0123456789abcdefghijklmn';
const ANALYTICS_QUESTIONS = ['GMV by city tier last month', '上周哪个品类的转化率最高?', 'orders by day last week', '各省份的客单价', 'top 10 products by revenue last month'];

export interface LoadBenchOptions {
  chats?: number;
  messagesPerChat?: number;
  /** Mean gap between one chat's messages (uniform ±25%). */
  messageIntervalMs?: number;
  analysts?: number;
  questionsPerAnalyst?: number;
  /** Run the shoppers in this process instead of a child process (measures client and server together). */
  clientsInProcess?: boolean;
  /** The warehouse's read connections (0: every read on the shared connection, as before the pool). */
  readConnections?: number;
  /** DuckDB worker threads of the server's warehouse (default: the Warehouse default). */
  threads?: number;
  /** The server's maxConcurrentTurns (default: the server's default). */
  maxConcurrentTurns?: number;
}

/**
 * `npm run bench load`: one server on 127.0.0.1 with the real analytics agent and support backend, 500 support chats
 * each sending a message about every 4 s (125 messages/s offered) while 50 analysts ask questions at once. Prints
 * errors, reply p50/p99, sustained replies/s and the process's memory (client and server share the process).
 */
export async function runLoadBench(options: LoadBenchOptions = {}): Promise<void> {
  const chats = options.chats ?? 500;
  const messagesPerChat = options.messagesPerChat ?? 5;
  const interval = options.messageIntervalMs ?? 4000;
  const analysts = options.analysts ?? 50;
  const questionsPerAnalyst = options.questionsPerAnalyst ?? 3;
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-load-bench-'));
  const databasePath = path.join(folder, 'demo.duckdb');
  try {
    const seeding = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    await seedDemo(seeding, { users: Math.max(3000, chats * 4), days: 30, seed: 11 });
    seeding.close();
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB', readConnections: options.readConnections, threads: options.threads });
    const customers = (await warehouse.query(`SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id LIMIT ${chats}`)).rows.map((row) => Number(row.user_id));
    const backend = await loadSupportBackend(warehouse);
    const fake = new FakeSupportResponder(warehouse);
    const server = createShopLensServer({
      warehouse,
      secret: SECRET,
      analyticsAgent: await AnalyticsAgent.create({ warehouse }),
      supportResponder: backend.responder ?? fake,
      handoffDesk: backend.desk ?? new FakeHandoffDesk(warehouse, fake),
      // Every client shares 127.0.0.1; per-IP limits would throttle the bench itself. Per-user limits stay on.
      rateLimits: { perIp: { capacity: 1_000_000, refillPerSecond: 1_000_000 } },
      logger: createLogger({ level: 'warn' }),
      maxConcurrentTurns: options.maxConcurrentTurns,
    });
    const address = await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${address.port}`;
    const customerTokens = await Promise.all(customers.map((customerId) => signToken(SECRET, { role: 'customer', customerId }, '1h')));
    const analystTokens = await Promise.all(Array.from({ length: analysts }, (_, index) => signToken(SECRET, { role: 'analyst', name: `load-${index}` }, '1h')));

    // With the clients in a child process, this process is the server: its memory is the server's.
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 250);
    let clientPeakRss = 0;
    let clientCpuSeconds = Number.NaN;
    const cpuBefore = process.cpuUsage();
    const mainThreadBefore = mainThreadCpuSeconds();
    const started = performance.now();
    const deadline = started + 300_000;
    const think: [number, number] = [interval * 0.75, interval * 1.25];
    const chatRuns: Promise<ClientOutcome[]> = options.clientsInProcess
      ? Promise.all(customerTokens.map((token) => runShopper(url, token, messagesPerChat, 30_000, deadline, think)))
      : runClientProcess({ url, tokens: customerTokens, messagesPerChat, replyTimeoutMs: 30_000, runForMs: 300_000, thinkTimeMs: think }).then((report) => {
          clientPeakRss = report.peakRss;
          clientCpuSeconds = report.cpuSeconds;
          return report.outcomes;
        });
    const analyticsLatencies: number[] = [];
    const analyticsErrors: string[] = [];
    const analyticsRuns = Promise.all(
      analystTokens.map(async (token, analyst) => {
        for (let question = 0; question < questionsPerAnalyst; question += 1) {
          const askedAt = performance.now();
          try {
            const response = await fetch(`${url}/api/ask`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ question: ANALYTICS_QUESTIONS[(analyst + question) % ANALYTICS_QUESTIONS.length] }),
            });
            await response.json();
            if (!response.ok) analyticsErrors.push(`HTTP ${response.status}`);
            else analyticsLatencies.push(performance.now() - askedAt);
          } catch (error) {
            analyticsErrors.push((error as Error).message);
          }
        }
      }),
    );
    const [outcomes] = await Promise.all([chatRuns, analyticsRuns]);
    const elapsedSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const mainThreadSeconds = mainThreadCpuSeconds() - mainThreadBefore;
    clearInterval(sampler);
    await server.close();
    warehouse.close();

    const replies = outcomes.flatMap((outcome) => outcome.replyLatencies).sort((left, right) => left - right);
    const errors = outcomes.flatMap((outcome) => outcome.errors);
    const lost = outcomes.reduce((sum, outcome) => sum + outcome.lost, 0);
    analyticsLatencies.sort((left, right) => left - right);
    const sent = chats * messagesPerChat;
    const print = (line: string) => process.stdout.write(`${line}\n`);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    print(`load: ${chats} support chats × ${messagesPerChat} messages, one every ${interval / 1000} s (±25%) = ${((chats * 1000) / interval).toFixed(0)} messages/s offered; ${analysts} analysts × ${questionsPerAnalyst} questions at once`);
    print(`  support responder: ${backend.responder ? backend.description : 'FakeSupportResponder'}; ${options.clientsInProcess ? 'client and server in one process' : 'shoppers in a child process, server and analysts in this one'} on 127.0.0.1`);
    print(`  bot replies: ${replies.length}/${sent}, errors ${errors.length}, lost ${lost}; p50 ${ms(percentile(replies, 0.5))}, p99 ${ms(percentile(replies, 0.99))}, max ${ms(replies.at(-1) ?? Number.NaN)}`);
    const firsts = outcomes.flatMap((outcome) => (outcome.firstReplyLatency === undefined ? [] : [outcome.firstReplyLatency])).sort((left, right) => left - right);
    const laterCount = replies.length - firsts.length;
    print(`  first message of each chat (the shopper's first turn): p50 ${ms(percentile(firsts, 0.5))}, p99 ${ms(percentile(firsts, 0.99))}; later messages (${laterCount}): p99 ${ms(percentile(withoutOnce(replies, firsts), 0.99))}`);
    print(`  sustained: ${(replies.length / elapsedSeconds).toFixed(1)} replies/s over ${elapsedSeconds.toFixed(1)} s`);
    // On a shared machine wall-clock numbers depend on the neighbours; CPU per reply does much less.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const perReply = (seconds: number) => `${((seconds * 1000) / Math.max(1, replies.length)).toFixed(1)} ms`;
    print(`  ${options.clientsInProcess ? 'process' : 'server'} CPU: ${cpuSeconds.toFixed(1)} s (all threads, analysts included), ${perReply(cpuSeconds)} per bot reply (JS thread ${perReply(mainThreadSeconds)}, other threads ${perReply(cpuSeconds - mainThreadSeconds)}; system ${perReply(cpu.system / 1e6)}); ${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(1)} at the end`);
    if (!options.clientsInProcess) print(`  shopper process CPU: ${clientCpuSeconds.toFixed(1)} s, ${perReply(clientCpuSeconds)} per bot reply (on the same cores as the server)`);
    print(`  analytics: ${analyticsLatencies.length}/${analysts * questionsPerAnalyst} answered, errors ${analyticsErrors.length}; p50 ${ms(percentile(analyticsLatencies, 0.5))}, p99 ${ms(percentile(analyticsLatencies, 0.99))}`);
    print(
      options.clientsInProcess
        ? `  memory (client and server process): peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MB, peak JS heap ${(peakHeap / 1024 ** 2).toFixed(0)} MB`
        : `  server memory: peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MB, peak JS heap ${(peakHeap / 1024 ** 2).toFixed(0)} MB (shopper process peak RSS ${(clientPeakRss / 1024 ** 2).toFixed(0)} MB)`,
    );
    if (errors.length + analyticsErrors.length > 0) print(`  error kinds: ${[...new Set([...errors, ...analyticsErrors])].slice(0, 8).join('; ')}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
