import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import { AlertRuleSchema, type AlertRule, type Cadence } from './alert-rule.ts';
import { ScheduleError } from './schedule-error.ts';

/** ShopLens's own schema for schedules and their runs: never the behaviour tables. */
export const SCHEDULE_SCHEMA = 'shoplens_schedules';

const CREATE_TABLES = `
CREATE SCHEMA IF NOT EXISTS ${SCHEDULE_SCHEMA};
CREATE TABLE IF NOT EXISTS ${SCHEDULE_SCHEMA}.schedules (
  schedule_id VARCHAR PRIMARY KEY,
  owner VARCHAR NOT NULL,
  question VARCHAR NOT NULL,
  language VARCHAR NOT NULL,
  cadence VARCHAR NOT NULL,
  hour INTEGER NOT NULL,
  weekday INTEGER,
  rule VARCHAR NOT NULL,
  webhook_url VARCHAR,
  created_at TIMESTAMP NOT NULL,
  next_run_at TIMESTAMP NOT NULL,
  active BOOLEAN NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS ${SCHEDULE_SCHEMA}.schedule_runs (
  run_id VARCHAR PRIMARY KEY,
  schedule_id VARCHAR NOT NULL,
  ran_at TIMESTAMP NOT NULL,
  status VARCHAR NOT NULL,
  value DOUBLE,
  as_of VARCHAR,
  answer VARCHAR NOT NULL,
  fired BOOLEAN NOT NULL,
  message VARCHAR NOT NULL,
  evaluation VARCHAR,
  webhook_status VARCHAR,
  acknowledged_at TIMESTAMP
);`;

export interface NewSchedule {
  owner: string;
  question: string;
  language: 'en' | 'zh';
  cadence: Cadence;
  hour: number;
  weekday: number | null;
  rule: AlertRule;
  webhookUrl: string | null;
}

export interface Schedule extends NewSchedule {
  scheduleId: string;
  createdAt: string;
  nextRunAt: string;
  active: boolean;
}

export interface ScheduleRun {
  runId: string;
  scheduleId: string;
  ranAt: string;
  status: 'ok' | 'error';
  value: number | null;
  asOf: string | null;
  answer: string;
  fired: boolean;
  /** The rule's verdict (or the error) in the schedule's language. */
  message: string;
  evaluation: unknown;
  webhookStatus: string | null;
  acknowledgedAt: string | null;
}

/** An alert is a run that fired, with the question it watched. */
export interface Alert extends ScheduleRun {
  question: string;
  language: 'en' | 'zh';
}

const LanguageSchema = z.enum(['en', 'zh']);
const iso = (value: unknown): string => new Date(`${String(value).replace(' ', 'T')}Z`).toISOString();
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
/** DuckDB TIMESTAMP parameters: UTC without the zone suffix. */
const timestamp = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

function scheduleOf(row: Record<string, unknown>): Schedule {
  return {
    scheduleId: String(row.schedule_id),
    owner: String(row.owner),
    question: String(row.question),
    language: LanguageSchema.parse(row.language),
    cadence: z.enum(['daily', 'weekly']).parse(row.cadence),
    hour: Number(row.hour),
    weekday: row.weekday === null ? null : Number(row.weekday),
    rule: AlertRuleSchema.parse(JSON.parse(String(row.rule))),
    webhookUrl: row.webhook_url === null ? null : String(row.webhook_url),
    createdAt: iso(row.created_at),
    nextRunAt: iso(row.next_run_at),
    active: row.active === true,
  };
}

function runOf(row: Record<string, unknown>): ScheduleRun {
  return {
    runId: String(row.run_id),
    scheduleId: String(row.schedule_id),
    ranAt: iso(row.ran_at),
    status: z.enum(['ok', 'error']).parse(row.status),
    value: typeof row.value === 'number' ? row.value : null,
    asOf: row.as_of === null ? null : String(row.as_of),
    answer: String(row.answer),
    fired: row.fired === true,
    message: String(row.message),
    evaluation: row.evaluation === null ? null : z.unknown().parse(JSON.parse(String(row.evaluation))),
    webhookStatus: row.webhook_status === null ? null : String(row.webhook_status),
    acknowledgedAt: isoOrNull(row.acknowledged_at),
  };
}

/** Schedules, their runs and the alerts among them, in the warehouse (schema shoplens_schedules). */
export class ScheduleStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly warehouse: Warehouse) {}

  private ensure(): Promise<void> {
    this.ready ??= this.warehouse.run(CREATE_TABLES);
    return this.ready;
  }

  async create(schedule: NewSchedule, nextRunAt: Date, now: Date): Promise<Schedule> {
    await this.ensure();
    const scheduleId = randomUUID();
    await this.warehouse.run(
      `INSERT INTO ${SCHEDULE_SCHEMA}.schedules (schedule_id, owner, question, language, cadence, hour, weekday, rule, webhook_url, created_at, next_run_at, active)
       VALUES ($id, $owner, $question, $language, $cadence, $hour, $weekday, $rule, $webhook, CAST($created AS TIMESTAMP), CAST($next AS TIMESTAMP), true)`,
      {
        id: scheduleId, owner: schedule.owner, question: schedule.question, language: schedule.language, cadence: schedule.cadence, hour: schedule.hour,
        weekday: schedule.weekday, rule: JSON.stringify(schedule.rule), webhook: schedule.webhookUrl, created: timestamp(now), next: timestamp(nextRunAt),
      },
    );
    return this.get(scheduleId);
  }

  async get(scheduleId: string): Promise<Schedule> {
    await this.ensure();
    const result = await this.warehouse.query(`SELECT * FROM ${SCHEDULE_SCHEMA}.schedules WHERE schedule_id = $id`, { id: scheduleId });
    const row = result.rows[0];
    if (!row) throw new ScheduleError(`No schedule ${scheduleId}. List them with "shoplens schedule list".`, { kind: 'not_found', parameter: 'schedule_id' });
    return scheduleOf(row);
  }

  /** Every schedule (or one owner's), oldest first. */
  async list(owner?: string): Promise<Schedule[]> {
    await this.ensure();
    const result = await this.warehouse.query(
      `SELECT * FROM ${SCHEDULE_SCHEMA}.schedules WHERE $owner IS NULL OR owner = $owner ORDER BY created_at, schedule_id`,
      { owner: owner ?? null },
    );
    return result.rows.map(scheduleOf);
  }

  async due(now: Date): Promise<Schedule[]> {
    await this.ensure();
    const result = await this.warehouse.query(
      `SELECT * FROM ${SCHEDULE_SCHEMA}.schedules WHERE active AND next_run_at <= CAST($now AS TIMESTAMP) ORDER BY next_run_at, schedule_id`,
      { now: timestamp(now) },
    );
    return result.rows.map(scheduleOf);
  }

  async remove(scheduleId: string, owner?: string): Promise<void> {
    const schedule = await this.get(scheduleId);
    if (owner !== undefined && schedule.owner !== owner) throw new ScheduleError(`No schedule ${scheduleId}.`, { kind: 'not_found', parameter: 'schedule_id' });
    await this.warehouse.transaction(async (connection) => {
      await connection.run(`DELETE FROM ${SCHEDULE_SCHEMA}.schedule_runs WHERE schedule_id = $id`, { id: scheduleId });
      await connection.run(`DELETE FROM ${SCHEDULE_SCHEMA}.schedules WHERE schedule_id = $id`, { id: scheduleId });
    });
  }

  /** Earlier successful runs' values, oldest first: the history a rule compares with. */
  async history(scheduleId: string): Promise<{ date: string; value: number }[]> {
    await this.ensure();
    const result = await this.warehouse.query(
      `SELECT strftime(ran_at, '%Y-%m-%d') AS day, value FROM ${SCHEDULE_SCHEMA}.schedule_runs
       WHERE schedule_id = $id AND status = 'ok' AND value IS NOT NULL ORDER BY ran_at, run_id`,
      { id: scheduleId },
    );
    return result.rows.map((row) => ({ date: String(row.day), value: Number(row.value) }));
  }

  /** Stores a run and moves the schedule's next run time, together. */
  async recordRun(run: Omit<ScheduleRun, 'runId' | 'acknowledgedAt' | 'webhookStatus'>, nextRunAt: Date): Promise<ScheduleRun> {
    await this.ensure();
    const runId = randomUUID();
    await this.warehouse.transaction(async (connection) => {
      await connection.run(
        `INSERT INTO ${SCHEDULE_SCHEMA}.schedule_runs (run_id, schedule_id, ran_at, status, value, as_of, answer, fired, message, evaluation)
         VALUES ($id, $schedule, CAST($ran AS TIMESTAMP), $status, $value, $as_of, $answer, $fired, $message, $evaluation)`,
        {
          id: runId, schedule: run.scheduleId, ran: timestamp(new Date(run.ranAt)), status: run.status, value: run.value, as_of: run.asOf,
          answer: run.answer, fired: run.fired, message: run.message, evaluation: run.evaluation === null ? null : JSON.stringify(run.evaluation),
        },
      );
      await connection.run(`UPDATE ${SCHEDULE_SCHEMA}.schedules SET next_run_at = CAST($next AS TIMESTAMP) WHERE schedule_id = $id`, { id: run.scheduleId, next: timestamp(nextRunAt) });
    });
    return { ...run, runId, acknowledgedAt: null, webhookStatus: null };
  }

  async setWebhookStatus(runId: string, status: string): Promise<void> {
    await this.warehouse.run(`UPDATE ${SCHEDULE_SCHEMA}.schedule_runs SET webhook_status = $status WHERE run_id = $id`, { id: runId, status });
  }

  async runs(scheduleId: string, limit = 20): Promise<ScheduleRun[]> {
    await this.ensure();
    const result = await this.warehouse.query(
      `SELECT * FROM ${SCHEDULE_SCHEMA}.schedule_runs WHERE schedule_id = $id ORDER BY ran_at DESC, run_id LIMIT $limit`,
      { id: scheduleId, limit },
    );
    return result.rows.map(runOf);
  }

  /** Fired runs, newest first: the inbox. Only unacknowledged ones unless `all`. */
  async alerts(options: { owner?: string; all?: boolean; limit?: number } = {}): Promise<Alert[]> {
    await this.ensure();
    const result = await this.warehouse.query(
      `SELECT r.*, s.question, s.language FROM ${SCHEDULE_SCHEMA}.schedule_runs r JOIN ${SCHEDULE_SCHEMA}.schedules s USING (schedule_id)
       WHERE r.fired AND ($owner IS NULL OR s.owner = $owner) AND ($all OR r.acknowledged_at IS NULL)
       ORDER BY r.ran_at DESC, r.run_id LIMIT $limit`,
      { owner: options.owner ?? null, all: options.all ?? false, limit: options.limit ?? 50 },
    );
    return result.rows.map((row) => ({ ...runOf(row), question: String(row.question), language: LanguageSchema.parse(row.language) }));
  }

  async acknowledge(runId: string, now: Date, owner?: string): Promise<void> {
    await this.ensure();
    const found = await this.warehouse.query(
      `SELECT 1 FROM ${SCHEDULE_SCHEMA}.schedule_runs r JOIN ${SCHEDULE_SCHEMA}.schedules s USING (schedule_id) WHERE r.run_id = $id AND r.fired AND ($owner IS NULL OR s.owner = $owner)`,
      { id: runId, owner: owner ?? null },
    );
    if (found.rows.length === 0) throw new ScheduleError(`No alert ${runId}.`, { kind: 'not_found', parameter: 'run_id' });
    await this.warehouse.run(`UPDATE ${SCHEDULE_SCHEMA}.schedule_runs SET acknowledged_at = CAST($now AS TIMESTAMP) WHERE run_id = $id`, { id: runId, now: timestamp(now) });
  }
}
