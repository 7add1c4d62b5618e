import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { runShopper, type ClientOutcome } from './support-load-bench.ts';

/** What the load bench sends its client process: who connects where, and how they pace their messages. */
export const ClientPlanSchema = z.object({
  url: z.string().url(),
  tokens: z.array(z.string()).max(10_000),
  messagesPerChat: z.number().int().positive(),
  replyTimeoutMs: z.number().int().positive(),
  runForMs: z.number().int().positive(),
  thinkTimeMs: z.tuple([z.number().nonnegative(), z.number().nonnegative()]),
});
export type ClientPlan = z.infer<typeof ClientPlanSchema>;

export interface ClientReport {
  outcomes: ClientOutcome[];
  elapsedSeconds: number;
  peakRss: number;
  /** This process's CPU (user + system, all threads) over the run, in seconds: the load's own cost on the machine. */
  cpuSeconds: number;
}

/**
 * The shoppers of `npm run bench load`, in a process of their own: 500 socket.io clients on the server's event loop
 * would measure the bench as much as the server (a real server does not run its clients). Started by load-bench.ts
 * with fork(); receives a ClientPlan, answers with a ClientReport.
 */
async function runClients(plan: ClientPlan): Promise<ClientReport> {
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + plan.runForMs;
  const outcomes = await Promise.all(plan.tokens.map((token) => runShopper(plan.url, token, plan.messagesPerChat, plan.replyTimeoutMs, deadline, plan.thinkTimeMs)));
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  return { outcomes, elapsedSeconds: (performance.now() - started) / 1000, peakRss, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

if (process.send) {
  process.once('message', (message: unknown) => {
    void runClients(ClientPlanSchema.parse(message)).then(
      (report) => process.send?.({ ok: true, report }, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: (error as Error).message }, () => process.exit(1)),
    );
  });
}
