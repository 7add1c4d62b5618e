import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema } from '../analytics/answer/answer.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { createLogger } from './request-logging.ts';
import { newKey, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

type Demo = Awaited<ReturnType<typeof createDemoWarehouseFile>>;
const API_KEY = 'analytics-test-api-key-42';

describe('/analytics streaming, POST /api/ask, health and readiness', () => {
  let demo: Demo;
  let server: TestServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    });
    server = await startTestServer({ databasePath: demo.path, apiKey: API_KEY, logger: createLogger({ level: 'info', destination }) });
  });
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('streams phases, tool calls, text, table and chart, then the persisted answer; follow-ups keep context', async () => {
    const client = await TestClient.connect(server.url, '/analytics', { token: await server.analystToken('ana') });
    const acknowledgement = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'GMV by city tier last week' });
    expect(acknowledgement).toMatchObject({ ok: true, seq: 1 });
    const conversationId = acknowledgement.ok ? (acknowledgement.conversationId as string) : '';
    await client.waitFor((event) => event.type === 'typing' && !event.active);
    const types = client.events.map((event) => event.type);
    expect(types[0]).toBe('typing');
    expect(types[1]).toBe('message-start');
    for (const expected of ['phase-change', 'tool-call-start', 'tool-result', 'text-delta', 'table', 'chart']) expect(types).toContain(expected);
    expect(types.slice(-1)).toEqual(['typing']);
    expect(types.indexOf('tool-call-start')).toBeLessThan(types.indexOf('tool-result'));
    const ends = client.messageEnds(conversationId);
    expect(ends.map((event) => [event.seq, event.message.role])).toEqual([
      [1, 'user'],
      [2, 'assistant'],
    ]);
    const answer = AnswerSchema.parse(ends[1]?.message.answer);
    expect(answer.status).toBe('answered');
    expect(answer.chart?.kind).toBe('bar');
    expect(answer.conversation_id).toBe(conversationId);
    const streamed = client.events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
    expect(streamed).toBe(answer.answer);
    const table = client.events.find((event) => event.type === 'table');
    expect(table?.type === 'table' && table.table.rows.length).toBe(answer.rows.length);
    expect(client.invalidEvents).toEqual([]);

    const followUp = await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: '那按城市呢?' });
    expect(followUp).toMatchObject({ ok: true, seq: 3, conversationId });
    const second = await client.waitFor((event) => event.type === 'message-end' && event.seq === 4);
    expect(second.type === 'message-end' && second.message.answer?.language).toBe('zh');
    client.close();
  });

  it('answers a retried question once and refuses other analysts\' conversations', async () => {
    const client = await TestClient.connect(server.url, '/analytics', { token: await server.analystToken('bo') });
    const key = newKey();
    const first = await client.send({ type: 'message-send', idempotencyKey: key, text: 'total GMV' });
    const again = await client.send({ type: 'message-send', idempotencyKey: key, text: 'total GMV' });
    expect(again).toMatchObject({ ok: true, duplicate: true, seq: first.ok ? first.seq : -1 });
    const conversationId = first.ok ? (first.conversationId as string) : '';
    const stored = await server.warehouse.query('SELECT count(*) AS n FROM messages WHERE conversation_id = $id', { id: conversationId });
    expect(stored.rows[0]?.n).toBe(2);
    const replayed = client.messageEnds(conversationId).filter((event) => event.replay);
    expect(replayed.map((event) => event.seq)).toEqual([1, 2]);

    const other = await TestClient.connect(server.url, '/analytics', { token: await server.analystToken('cy') });
    expect(await other.send({ type: 'resume', conversationId, lastSeq: 0 })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    expect(await other.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'total GMV' })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    client.close();
    other.close();
  });

  it('POST /api/ask answers with a validated Answer for a token or the API key, and refuses others', async () => {
    const ask = (body: unknown, headers: Record<string, string>) =>
      fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const withToken = await ask({ question: '近7天每天的订单数' }, { authorization: `Bearer ${await server.analystToken('ana')}` });
    expect(withToken.status).toBe(200);
    const answer = AnswerSchema.parse(await withToken.json());
    expect(answer).toMatchObject({ status: 'answered', language: 'zh' });
    expect(answer.chart?.kind).toBe('line');
    expect(withToken.headers.get('content-security-policy')).toBeTruthy();

    const withKey = await ask({ question: 'total GMV' }, { 'x-api-key': API_KEY, 'idempotency-key': 'rest-key-000001' });
    expect(withKey.status).toBe(200);
    const repeated = await ask({ question: 'total GMV' }, { 'x-api-key': API_KEY, 'idempotency-key': 'rest-key-000001' });
    expect(repeated.headers.get('idempotent-replay')).toBe('true');
    expect(AnswerSchema.parse(await repeated.json()).conversation_id).toBe(AnswerSchema.parse(await withKey.json()).conversation_id);

    expect((await ask({ question: 'total GMV' }, {})).status).toBe(401);
    expect((await ask({ question: 'total GMV' }, { authorization: `Bearer ${await server.customerToken(1)}` })).status).toBe(403);
    const bad = await ask({ question: '' }, { 'x-api-key': API_KEY });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_payload', field: 'question' } });
    const malformed = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: '{"question": ' });
    expect(malformed.status).toBe(400);
  });

  it('reports health and readiness, and keeps contact details and credentials out of request logs', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });

    const token = await server.analystToken('ana');
    await fetch(`${server.url}/healthz?email=li.wei@example.com&phone=13800138000&token=${token}`, { headers: { authorization: `Bearer ${token}` } });
    const line = logLines.find((text) => text.includes('"path":"/healthz?'));
    expect(line).toBeDefined();
    expect(line).not.toContain('li.wei@example.com');
    expect(line).not.toContain('13800138000');
    expect(logLines.join('')).not.toContain(token);
  });
});
