import { z } from 'zod';
import type { Answer } from '../answer/answer.ts';
import { detectLanguage } from '../../text/detect-language.ts';
import { AlertRuleSchema, evaluateRule } from './alert-rule.ts';
import { callWebhook, WebhookUrlSchema } from './alert-webhook.ts';
import { ScheduleError } from './schedule-error.ts';
import type { Schedule, ScheduleRun, ScheduleStore } from './schedule-store.ts';
import { nextRunAfter } from './schedule-timing.ts';
import { watchedValue } from './watched-value.ts';

/** What a client sends to schedule a question (REST body, CLI flags). */
export const ScheduleRequestSchema = z.strictObject({
  question: z.string().trim().min(1).max(4000),
  cadence: z.enum(['daily', 'weekly']),
  /** Hour of the day, UTC. */
  hour: z.number().int().min(0).max(23).default(8),
  /** ISO weekday for weekly schedules: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7).optional(),
  rule: AlertRuleSchema,
  webhook_url: WebhookUrlSchema.optional(),
});
export type ScheduleRequest = z.input<typeof ScheduleRequestSchema>;

/** The time source: the real clock in the server, a fake one in tests. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface ScheduleServiceOptions {
  store: ScheduleStore;
  /** Answers a question the way the analytics agent does (the same planner, guard and semantic layer). */
  ask: (question: string) => Promise<Answer>;
  clock?: Clock;
  fetch?: typeof fetch;
  webhookTimeoutMs?: number;
  onError?: (error: unknown, scheduleId: string | null) => void;
}

/**
 * Runs scheduled questions: each due schedule's question is answered again against the current data, its value
 * checked against the alert rule (with the schedule's own earlier runs as history), the run stored, and a firing
 * alert sent to the webhook. `runDue()` is one tick; `start()` ticks on a timer.
 */
export class ScheduleService {
  readonly store: ScheduleStore;
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<ScheduleRun[]> | undefined;

  constructor(private readonly options: ScheduleServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
  }

  async create(owner: string, request: ScheduleRequest): Promise<Schedule> {
    const parsed = ScheduleRequestSchema.parse(request);
    if (parsed.cadence === 'weekly' && parsed.weekday === undefined) {
      throw new ScheduleError('A weekly schedule needs a weekday (1 = Monday … 7 = Sunday).', { kind: 'bad_parameter', parameter: 'weekday' });
    }
    const weekday = parsed.cadence === 'weekly' ? (parsed.weekday ?? null) : null;
    const now = this.clock.now();
    return this.store.create(
      { owner, question: parsed.question, language: detectLanguage(parsed.question), cadence: parsed.cadence, hour: parsed.hour, weekday, rule: parsed.rule, webhookUrl: parsed.webhook_url ?? null },
      nextRunAfter(now, parsed.cadence, parsed.hour, weekday),
      now,
    );
  }

  /** Runs one schedule now. A manual run (`shoplens schedule run ID`, the Run button) keeps the timetable. */
  async run(schedule: Schedule, options: { manual?: boolean } = {}): Promise<ScheduleRun> {
    const now = this.clock.now();
    const next = options.manual ? new Date(schedule.nextRunAt) : nextRunAfter(now, schedule.cadence, schedule.hour, schedule.weekday);
    const zh = schedule.language === 'zh';
    const failed = (message: string, answer = '') =>
      this.store.recordRun({ scheduleId: schedule.scheduleId, ranAt: now.toISOString(), status: 'error', value: null, asOf: null, answer, fired: false, message, evaluation: null }, next);
    let answer: Answer;
    try {
      answer = await this.options.ask(schedule.question);
    } catch (error) {
      this.options.onError?.(error, schedule.scheduleId);
      return failed(error instanceof Error ? error.message : String(error));
    }
    if (answer.status !== 'answered') return failed(answer.answer, answer.answer);
    const watched = watchedValue(answer);
    if (!watched) return failed(zh ? '回答里没有可监控的数字。' : 'The answer has no number to watch.', answer.answer);
    const history = await this.store.history(schedule.scheduleId);
    const evaluation = evaluateRule({ rule: schedule.rule, value: watched.value, unit: watched.column.unit, currency: watched.column.currency, cadence: schedule.cadence, history });
    const run = await this.store.recordRun(
      {
        scheduleId: schedule.scheduleId,
        ranAt: now.toISOString(),
        status: 'ok',
        value: watched.value,
        asOf: answer.as_of,
        answer: answer.answer,
        fired: evaluation.fired,
        message: zh ? evaluation.message_zh : evaluation.message_en,
        evaluation: { rule: schedule.rule, column: watched.column.id, ...evaluation.details },
      },
      next,
    );
    if (run.fired && schedule.webhookUrl) {
      const status = await callWebhook(
        schedule.webhookUrl,
        { schedule_id: schedule.scheduleId, run_id: run.runId, question: schedule.question, language: schedule.language, ran_at: run.ranAt, value: run.value, message: run.message, answer: run.answer },
        { fetch: this.options.fetch, timeoutMs: this.options.webhookTimeoutMs },
      );
      await this.store.setWebhookStatus(run.runId, status);
      return { ...run, webhookStatus: status };
    }
    return run;
  }

  /** Marks an alert read (the caller's own only, when `owner` is given). */
  acknowledge(runId: string, owner?: string): Promise<void> {
    return this.store.acknowledge(runId, this.clock.now(), owner);
  }

  /** One tick: runs every schedule that is due at the clock's time, one after another. Ticks never overlap. */
  runDue(): Promise<ScheduleRun[]> {
    this.ticking ??= (async () => {
      try {
        const runs: ScheduleRun[] = [];
        for (const schedule of await this.store.due(this.clock.now())) runs.push(await this.run(schedule));
        return runs;
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  /** Ticks every `intervalMs` (default one minute) until stop(); the timer does not keep the process alive. */
  start(intervalMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => this.options.onError?.(error, null));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => undefined);
  }
}
