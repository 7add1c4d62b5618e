import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema } from '../analytics/answer/answer.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { newKey, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

type Demo = Awaited<ReturnType<typeof createDemoWarehouseFile>>;

describe('/analytics: a model trained at question time streams progress and can be cancelled', () => {
  let demo: Demo;
  let server: TestServer;

  beforeAll(async () => {
    // Large enough that training the purchase model takes seconds, so the cancel lands while it runs.
    demo = await createDemoWarehouseFile({ users: 3000, days: 60 });
    server = await startTestServer({ databasePath: demo.path });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('shows training progress, stops on turn-cancel, and a second question trains afresh to the end', async () => {
    const client = await TestClient.connect(server.url, '/analytics', { token: await server.analystToken('ana') });
    const sent = client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'which customers are likely to buy next week' }, 120_000);
    const progress = await client.waitFor((event) => event.type === 'tool-progress', 60_000);
    if (progress.type !== 'tool-progress') throw new Error('expected a tool-progress event');
    expect(progress).toMatchObject({ toolName: 'predict_purchase' });
    const conversationId = progress.conversationId;
    const cancelled = await client.send({ type: 'turn-cancel', conversationId, streamId: progress.streamId });
    expect(cancelled).toMatchObject({ ok: true });
    expect(await sent).toMatchObject({ ok: true });
    const stoppedAnswer = AnswerSchema.parse(client.messageEnds(conversationId).find((event) => event.message.role === 'assistant')?.message.answer);
    expect(stoppedAnswer.status).not.toBe('answered');
    expect(client.events.some((event) => event.type === 'tool-result' && !event.ok)).toBe(true);

    // Nothing half-trained was kept: the next question trains again, reports progress to 100%, and answers.
    const from = client.events.length;
    const again = await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'which customers are likely to buy next week' }, 120_000);
    expect(again).toMatchObject({ ok: true });
    const percents = client.events.slice(from).flatMap((event) => (event.type === 'tool-progress' ? [event.percent] : []));
    expect(percents.at(-1)).toBe(100);
    const answers = client.messageEnds(conversationId).filter((event) => event.message.role === 'assistant');
    expect(AnswerSchema.parse(answers.at(-1)?.message.answer).status).toBe('answered');
    expect(client.invalidEvents).toEqual([]);
    client.close();
  }, 180_000);
});
