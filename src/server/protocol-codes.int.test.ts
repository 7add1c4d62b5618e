import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { newKey, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

/** Each protocol edge case answers with the code that names what is wrong, never a misleading invalid_payload. */
describe('protocol edge cases answer with the right code', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 200, days: 20 });
    server = await startTestServer({ databasePath: demo.path });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
    demo?.remove();
  });

  async function connect(namespace: string, token: string): Promise<TestClient> {
    const client = await TestClient.connect(server.url, namespace, { token });
    clients.push(client);
    return client;
  }

  it('an agent reply to a conversation nobody took is conversation_state; to an unknown one conversation_not_found', async () => {
    const shopper = await connect('/support', await server.customerToken(1));
    const sent = await shopper.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello' });
    expect(sent).toMatchObject({ ok: true });
    const conversationId = (sent as { conversationId: string }).conversationId;
    const agent = await connect('/agents', await server.agentToken('ana'));
    const notTaken = await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: 'hi' });
    expect(notTaken).toMatchObject({ ok: false, code: 'conversation_state' });
    const unknown = await agent.send({ type: 'agent-reply', conversationId: randomUUID(), idempotencyKey: newKey(), text: 'hi' });
    expect(unknown).toMatchObject({ ok: false, code: 'conversation_not_found' });
    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: false, code: 'conversation_state', message: expect.stringMatching(/not queued/) });
    expect(await agent.send({ type: 'conversation-resolve', conversationId })).toMatchObject({ ok: false, code: 'conversation_state' });
    expect(await agent.send({ type: 'conversation-take', conversationId: randomUUID() })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    // Role confusion: a shopper sending an agent event, another shopper writing into this conversation.
    expect(await shopper.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: 'x' })).toMatchObject({ ok: false, code: 'unsupported_event' });
    const other = await connect('/support', await server.customerToken(2));
    expect(await other.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'x' })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    // Malformed and oversized payloads keep their own codes.
    expect(await agent.send({ type: 'agent-reply', conversationId: 'not-an-id', idempotencyKey: newKey(), text: 'x' })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    expect(await agent.send({ type: 'agent-reply', conversationId, text: 'x' })).toMatchObject({ ok: false, code: 'invalid_payload', field: 'idempotencyKey' });
    expect(await shopper.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'x'.repeat(5000) })).toMatchObject({ ok: false, code: 'message_too_long' });
  });
});
