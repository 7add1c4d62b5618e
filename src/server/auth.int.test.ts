import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { signToken } from './auth/tokens.ts';
import { newKey, sleep, startTestServer, TEST_SECRET, TestClient, type TestServer } from './testing/test-server.ts';

type Demo = Awaited<ReturnType<typeof createDemoWarehouseFile>>;

async function refusal(url: string, namespace: string, auth: Record<string, string>): Promise<string> {
  try {
    const client = await TestClient.connect(url, namespace, auth);
    client.close();
    return 'connected';
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? `no code: ${(error as Error).message}`;
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('authentication: tokens, roles, API key, guests', () => {
  let demo: Demo;
  let server: TestServer;
  let order: { order_no: string; order_id: number; user_id: number; shipping_phone: string; email: string; other_order_no: string };

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
    server = await startTestServer({ databasePath: demo.path, apiKey: 'test-api-key-0123456789' });
    const result = await server.warehouse.query(
      `SELECT o.order_no, o.order_id, o.user_id, o.shipping_phone, u.email,
              (SELECT order_no FROM orders x WHERE x.user_id <> o.user_id LIMIT 1) AS other_order_no
         FROM orders o JOIN users u USING (user_id) ORDER BY o.order_id LIMIT 1`,
    );
    order = result.rows[0] as typeof order;
  });
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('refuses connections without, with tampered, foreign-signed, expired or wrong-role credentials', async () => {
    const customer = await server.customerToken(order.user_id);
    const [header, payload, signature] = customer.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, customer_id: order.user_id + 1 })).toString('base64url'), signature].join('.');
    const foreign = await signToken('another-secret-of-sufficient-length-000000', { role: 'customer', customerId: order.user_id }, '1h');
    const key = new TextEncoder().encode(TEST_SECRET);
    const expired = await new SignJWT({ role: 'customer', customer_id: order.user_id })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('shoplens')
      .setAudience('shoplens-server')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(key);
    const unsigned = [Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'), payload, ''].join('.');

    expect(await refusal(server.url, '/support', {})).toBe('unauthorized');
    expect(await refusal(server.url, '/support', { token: 'not-a-jwt' })).toBe('unauthorized');
    expect(await refusal(server.url, '/support', { token: tampered })).toBe('unauthorized');
    expect(await refusal(server.url, '/support', { token: foreign })).toBe('unauthorized');
    expect(await refusal(server.url, '/support', { token: unsigned })).toBe('unauthorized');
    expect(await refusal(server.url, '/support', { token: expired })).toBe('token_expired');
    expect(await refusal(server.url, '/support', { token: customer })).toBe('connected');

    expect(await refusal(server.url, '/support', { token: await server.analystToken() })).toBe('forbidden');
    expect(await refusal(server.url, '/agents', { token: customer })).toBe('forbidden');
    expect(await refusal(server.url, '/analytics', { token: customer })).toBe('forbidden');
    expect(await refusal(server.url, '/analytics', { token: await server.agentToken() })).toBe('forbidden');
    expect(await refusal(server.url, '/agents', { token: await server.agentToken() })).toBe('connected');
  });

  it('accepts the API key on /analytics only', async () => {
    expect(await refusal(server.url, '/analytics', { apiKey: 'test-api-key-0123456789' })).toBe('connected');
    expect(await refusal(server.url, '/analytics', { apiKey: 'wrong-key' })).toBe('unauthorized');
    expect(await refusal(server.url, '/support', { apiKey: 'test-api-key-0123456789' })).toBe('unauthorized');
    expect(await refusal(server.url, '/agents', { apiKey: 'test-api-key-0123456789' })).toBe('unauthorized');
  });

  it('disconnects a socket whose token expires while connected', async () => {
    // Three seconds, so a loaded machine still connects before it expires; then wait until it has.
    const minted = Date.now();
    const client = await TestClient.connect(server.url, '/support', { token: await server.customerToken(order.user_id, '3s') });
    await sleep(Math.max(0, minted + 3200 - Date.now()));
    const acknowledgement = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'still there?' });
    expect(acknowledgement).toMatchObject({ ok: false, code: 'token_expired' });
    await new Promise<void>((resolve) => (client.socket.disconnected ? resolve() : client.socket.once('disconnect', () => resolve())));
    expect(client.socket.connected).toBe(false);
  });

  it('verifies guests by order number plus phone or e-mail, and scopes them to that order', async () => {
    const url = `${server.url}/api/support/guest`;
    const byPhone = await postJson(url, { orderNumber: order.order_no, phone: `+86 ${order.shipping_phone.slice(0, 3)}-${order.shipping_phone.slice(3)}` });
    expect(byPhone.status).toBe(200);
    const byEmail = await postJson(url, { orderNumber: order.order_no, email: order.email.toUpperCase() });
    expect(byEmail.status).toBe(200);
    const wrongPhone = await postJson(url, { orderNumber: order.order_no, phone: '13000000000' });
    expect(wrongPhone).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const otherOrder = await postJson(url, { orderNumber: order.other_order_no, phone: order.shipping_phone });
    expect(otherOrder.status).toBe(401);
    const neither = await postJson(url, { orderNumber: order.order_no });
    expect(neither).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload', field: 'phone' } } });

    const guest = await TestClient.connect(server.url, '/support', { token: String(byPhone.body.token) });
    const acknowledgement = await guest.send({ type: 'message-send', idempotencyKey: newKey(), text: 'order status?' });
    expect(acknowledgement.ok).toBe(true);
    const reply = await guest.waitFor((event) => event.type === 'message-end' && event.message.role === 'assistant');
    expect(reply.type === 'message-end' && reply.message.text).toContain(order.order_no);

    // The same person signed in as the customer sees the guest conversation; the guest does not see the customer's.
    const customer = await TestClient.connect(server.url, '/support', { token: await server.customerToken(order.user_id) });
    const own = await customer.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello' });
    const ownId = own.ok ? (own.conversationId as string) : '';
    expect(await guest.send({ type: 'resume', conversationId: ownId, lastSeq: 0 })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    const guestId = acknowledgement.ok ? (acknowledgement.conversationId as string) : '';
    expect(await customer.send({ type: 'resume', conversationId: guestId, lastSeq: 0 })).toMatchObject({ ok: true });
    guest.close();
    customer.close();
  });

  it('rate-limits guest verification attempts per IP', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      statuses.push((await postJson(`${server.url}/api/support/guest`, { orderNumber: 'SL0000000000000000', phone: '13000000000' })).status);
    }
    expect(statuses).toContain(429);
  });
});
