import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

/** socket.io's default first transport is HTTP long-polling on the same port as the express app. */
describe('long-polling clients', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 200, days: 10 });
    server = await startTestServer({ databasePath: demo.path });
  });
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('connect over polling without express also answering (which used to crash the process)', async () => {
    const token = await server.customerToken(1);
    const socket = connect(`${server.url}/support`, { transports: ['polling'], auth: { token }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      });
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
