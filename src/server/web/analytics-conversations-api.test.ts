import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { signToken } from '../auth/tokens.ts';
import { ConversationRepository } from '../conversation-repository.ts';
import { analyticsConversationsRouter } from './analytics-conversations-api.ts';
import { ConversationListResponseSchema } from './web-api-schemas.ts';
import { serveForTest } from './web-test-app.ts';

const SECRET = 'conversations-test-secret-0123456789abcdefghij';

describe('analyst conversation list', () => {
  let folder: string;
  let warehouse: Warehouse;
  let server: Awaited<ReturnType<typeof serveForTest>>;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'shoplens-conversations-'));
    warehouse = await Warehouse.open({ path: path.join(folder, 'test.duckdb'), mode: 'read-write' });
    const repository = new ConversationRepository(warehouse);
    const mine = await repository.create({ kind: 'analytics', analystId: 'ana', language: 'zh', title: '上周GMV是多少？' });
    await repository.append(mine, [{ role: 'user', content: '上周GMV是多少？' }]);
    await repository.create({ kind: 'analytics', analystId: 'ana', title: 'never asked anything' });
    const theirs = await repository.create({ kind: 'analytics', analystId: 'bob', title: 'bob’s' });
    await repository.append(theirs, [{ role: 'user', content: 'x' }]);
    const support = await repository.create({ kind: 'support', customerId: 5, title: 'support' });
    await repository.append(support, [{ role: 'user', content: 'x' }]);
    server = await serveForTest((app) => app.use(analyticsConversationsRouter({ warehouse, authentication: { secret: SECRET } })));
  });

  afterAll(async () => {
    await server?.close();
    warehouse?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists only the caller’s own analytics conversations that have messages', async () => {
    const token = await signToken(SECRET, { role: 'analyst', name: 'ana' }, '1h');
    const response = await fetch(`${server.url}/api/web/analytics/conversations`, { headers: { authorization: `Bearer ${token}` } });
    const { conversations } = ConversationListResponseSchema.parse(await response.json());
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ title: '上周GMV是多少？', language: 'zh', lastSeq: 1 });
  });

  it('refuses other roles', async () => {
    const agent = await signToken(SECRET, { role: 'agent', name: 'x' }, '1h');
    expect((await fetch(`${server.url}/api/web/analytics/conversations`, { headers: { authorization: `Bearer ${agent}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/web/analytics/conversations`)).status).toBe(401);
  });
});
