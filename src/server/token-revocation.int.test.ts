import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { signToken } from './auth/tokens.ts';
import { startTestServer, TEST_SECRET, TestClient, type TestServer } from './testing/test-server.ts';

const API_KEY = 'operator-api-key-0123456789';
let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 100, days: 10 });
  server = await startTestServer({ databasePath: demo.path, apiKey: API_KEY });
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

function refusalCode(promise: Promise<TestClient>): Promise<string | undefined> {
  return promise.then(
    () => 'connected',
    (error: Error & { data?: { code?: string } }) => error.data?.code,
  );
}

function post(route: string, headers: Record<string, string>, body: unknown = {}): Promise<Response> {
  return fetch(`${server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('token revocation', () => {
  it('sign-out revokes the token at once: its open socket is closed, it cannot reconnect, and it stays revoked after a restart', async () => {
    const token = await server.customerToken(7);
    const open = await connect('/support', token);
    const closed = new Promise<string>((resolve) => open.socket.once('disconnect', (reason: string) => resolve(reason)));
    const signOut = await post('/api/auth/sign-out', { authorization: `Bearer ${token}` });
    expect(signOut.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(await refusalCode(TestClient.connect(server.url, '/support', { token }))).toBe('unauthorized');
    // A second sign-out with the same token is refused too (it no longer authenticates).
    expect((await post('/api/auth/sign-out', { authorization: `Bearer ${token}` })).status).toBe(401);
    // A new sign-in of the same customer works.
    expect(await refusalCode(connect('/support', await server.customerToken(7)))).toBe('connected');

    await server.close();
    server = await startTestServer({ databasePath: demo.path, apiKey: API_KEY });
    expect(await refusalCode(TestClient.connect(server.url, '/support', { token }))).toBe('unauthorized');
  });

  it('removing an agent revokes every token it holds; only the operator may do it', async () => {
    const agentToken = await signToken(TEST_SECRET, { role: 'agent', name: 'mei' }, '1h');
    const desk = await connect('/agents', agentToken);
    const closed = new Promise<void>((resolve) => desk.socket.once('disconnect', () => resolve()));
    const analyst = await server.analystToken('ana');
    expect((await post('/api/auth/revoke', { authorization: `Bearer ${analyst}` }, { subject: 'agent:mei' })).status).toBe(403);
    expect(await refusalCode(connect('/agents', agentToken))).toBe('connected');
    const revoked = await post('/api/auth/revoke', { 'x-api-key': API_KEY }, { subject: 'agent:mei' });
    expect(revoked.status).toBe(200);
    await closed;
    expect(await refusalCode(TestClient.connect(server.url, '/agents', { token: agentToken }))).toBe('unauthorized');
    // Another agent is untouched.
    expect(await refusalCode(connect('/agents', await server.agentToken('ana')))).toBe('connected');
    expect((await post('/api/auth/revoke', { 'x-api-key': API_KEY }, { subject: 'nobody' })).status).toBe(400);
  });
});
