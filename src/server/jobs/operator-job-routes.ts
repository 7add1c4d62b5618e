import type express from 'express';
import type { z } from 'zod';
import type { Response } from 'express';
import type { AuthenticationSettings } from '../auth/authenticate.ts';
import { requireOperator } from '../auth/require-operator.ts';
import type { ChatHub } from '../chat-hub.ts';
import { firstIssue } from '../protocol.ts';
import { InvalidPayloadError } from '../server-errors.ts';
import { ModelsJobSchema, SeedJobSchema, SentimentJobSchema, SyncJobSchema, type JobLine, type OperatorJobs } from './operator-jobs.ts';

function bodyOf<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error);
  throw new InvalidPayloadError(issue.field, `${issue.field}: ${issue.message}`);
}

/**
 * Streams a job's lines as JSON lines (application/x-ndjson): progress as it happens, then `result` or `error`. The
 * status is sent before the job starts, so a failure after that is the `error` line, with the error's class name.
 */
async function streamJob(response: Response, hub: ChatHub, work: (emit: (line: JobLine) => void) => Promise<unknown>): Promise<void> {
  response.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  response.flushHeaders();
  const emit = (line: JobLine) => {
    if (!response.writableEnded) response.write(`${JSON.stringify(line)}\n`);
  };
  try {
    emit({ type: 'result', value: (await hub.track(work(emit))) ?? null });
  } catch (error) {
    hub.logger.info({ err: error }, 'operator job failed');
    emit({ type: 'error', error: { name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) } });
  } finally {
    response.end();
  }
}

/**
 * POST /api/jobs/seed | models | sentiment | sync (operator only): what `shoplens seed`, `train`/`model`, `sentiment` and
 * `sync` do, run by this server on its warehouse when the CLI finds it owns the file (see OperatorJobs); POST
 * /api/jobs/snapshot: a consistent copy of the warehouse for `npm run eval`.
 */
export function mountOperatorJobRoutes(app: express.Express, context: { hub: ChatHub; authentication: AuthenticationSettings; jobs: OperatorJobs }): void {
  const { hub, jobs } = context;
  app.post('/api/jobs/seed', async (request, response) => {
    await requireOperator(request, context, 'seed the warehouse');
    const options = bodyOf(SeedJobSchema, request.body);
    await streamJob(response, hub, (emit) => jobs.seed(options, emit));
  });
  app.post('/api/jobs/models', async (request, response) => {
    await requireOperator(request, context, 'train models');
    const body = bodyOf(ModelsJobSchema, request.body);
    await streamJob(response, hub, (emit) => jobs.models(body, emit));
  });
  app.post('/api/jobs/sync', async (request, response) => {
    await requireOperator(request, context, 'sync the operational store into ClickHouse');
    bodyOf(SyncJobSchema, request.body);
    await streamJob(response, hub, () => jobs.sync());
  });
  app.post('/api/jobs/snapshot', async (request, response) => {
    await requireOperator(request, context, 'copy the warehouse');
    await streamJob(response, hub, () => jobs.snapshot());
  });
  app.post('/api/jobs/sentiment', async (request, response) => {
    await requireOperator(request, context, 'run the sentiment model from the command line');
    const body = bodyOf(SentimentJobSchema, request.body);
    await streamJob(response, hub, () => jobs.sentiment(body));
  });
}
