import type express from 'express';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ScheduleError } from '../analytics/schedules/schedule-error.ts';
import { ScheduleRequestSchema, type ScheduleService } from '../analytics/schedules/schedule-service.ts';
import { authenticate, credentialsOfHeaders, type AuthenticationSettings } from './auth/authenticate.ts';
import { principalKey } from './auth/tokens.ts';
import type { ChatHub } from './chat-hub.ts';
import { firstIssue } from './protocol.ts';
import { InvalidPayloadError } from './server-errors.ts';

const IdSchema = z.uuid();
const AlertListQuerySchema = z.strictObject({ all: z.enum(['true', 'false']).optional() });

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix = ''): z.infer<Schema> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    const field = prefix ? `${prefix}${issue.field === '(payload)' ? '' : `.${issue.field}`}` : issue.field;
    throw new InvalidPayloadError(field, `${field}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * REST for scheduled questions and their alerts (analysts only; each sees and changes only their own):
 * GET/POST /api/schedules, DELETE /api/schedules/:id, POST /api/schedules/:id/run (run now),
 * GET /api/alerts (?all=true includes acknowledged ones), POST /api/alerts/:id/acknowledge.
 */
export function mountScheduleRoutes(app: express.Express, context: { hub: ChatHub; authentication: AuthenticationSettings; schedules: ScheduleService }): void {
  const { hub, authentication, schedules } = context;
  const analyst = async (request: Request) => {
    const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], authentication);
    const owner = principalKey(principal);
    hub.rateLimiter.check({ user: owner, ip: request.ip ?? 'unknown' });
    return owner;
  };
  // A schedule or alert that is not the caller's is reported exactly like one that does not exist.
  const handle = (work: (request: Request, response: Response) => Promise<void>) => async (request: Request, response: Response) => {
    try {
      await work(request, response);
    } catch (error) {
      if (error instanceof ScheduleError && error.kind === 'not_found') {
        response.status(404).json({ error: { code: 'not_found', message: error.message } });
        return;
      }
      if (error instanceof ScheduleError) throw new InvalidPayloadError(error.parameter ?? '(payload)', error.message);
      throw error;
    }
  };
  const ownSchedule = async (owner: string, id: unknown) => {
    const schedule = await schedules.store.get(parse(IdSchema, id, 'id'));
    if (schedule.owner !== owner) throw new ScheduleError(`No schedule ${schedule.scheduleId}.`, { kind: 'not_found', parameter: 'id' });
    return schedule;
  };

  app.get('/api/schedules', handle(async (request, response) => {
    const owner = await analyst(request);
    const list = await schedules.store.list(owner);
    const withRuns = await Promise.all(list.map(async (schedule) => ({ ...schedule, lastRun: (await schedules.store.runs(schedule.scheduleId, 1))[0] ?? null })));
    response.json({ schedules: withRuns });
  }));

  app.post('/api/schedules', handle(async (request, response) => {
    hub.assertAcceptingWork();
    const owner = await analyst(request);
    const body = parse(ScheduleRequestSchema, request.body);
    response.status(201).json(await schedules.create(owner, body));
  }));

  app.delete('/api/schedules/:id', handle(async (request, response) => {
    const owner = await analyst(request);
    const schedule = await ownSchedule(owner, request.params.id);
    await schedules.store.remove(schedule.scheduleId, owner);
    response.json({ deleted: schedule.scheduleId });
  }));

  app.post('/api/schedules/:id/run', handle(async (request, response) => {
    hub.assertAcceptingWork();
    const owner = await analyst(request);
    const schedule = await ownSchedule(owner, request.params.id);
    response.json(await hub.track(schedules.run(schedule, { manual: true })));
  }));

  app.get('/api/alerts', handle(async (request, response) => {
    const owner = await analyst(request);
    const query = parse(AlertListQuerySchema, request.query, 'query');
    response.json({ alerts: await schedules.store.alerts({ owner, all: query.all === 'true' }) });
  }));

  app.post('/api/alerts/:id/acknowledge', handle(async (request, response) => {
    const owner = await analyst(request);
    const runId = parse(IdSchema, request.params.id, 'id');
    await schedules.acknowledge(runId, owner);
    response.json({ acknowledged: runId });
  }));
}
