import express from 'express';
import { AnalyticsAgent } from '../../analytics/analytics-agent.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { signToken } from '../auth/tokens.ts';
import { ConversationRepository } from '../conversation-repository.ts';
import { serveForTest } from '../web/web-test-app.ts';

export const WORKSPACE_TEST_SECRET = 'workspace-test-secret-0123456789abcdefghijkl';

export interface StoredTestAnswer {
  conversationId: string;
  /** The assistant message's seq. */
  seq: number;
}

/**
 * A small seeded demo warehouse (sandboxed, as the server opens it), real answers of the offline agent stored in an
 * analyst's conversation exactly as the server stores them (payload.answer), and an express app with the given
 * routers in front of it (JSON bodies, like the server).
 */
export async function startWorkspaceFixture(mount: (app: express.Express, warehouse: Warehouse) => void) {
  const demo = await createDemoWarehouseFile({ users: 300, days: 30 });
  const warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed', memoryLimit: '1GB' });
  const agent = await AnalyticsAgent.create({ warehouse });
  const repository = new ConversationRepository(warehouse);
  const server = await serveForTest((app) => {
    app.use(express.json({ limit: '64kb' }));
    mount(app, warehouse);
  });
  const headersOf = async (analyst: string) => ({ authorization: `Bearer ${await signToken(WORKSPACE_TEST_SECRET, { role: 'analyst', name: analyst }, '1h')}`, 'content-type': 'application/json' });

  /** Asks the real offline agent and stores question and answer in one of `analyst`'s conversations. */
  async function storeAnswer(analyst: string, question: string): Promise<StoredTestAnswer> {
    const { answer } = await agent.ask(question);
    const conversationId = await repository.create({ kind: 'analytics', analystId: analyst, language: answer.language, title: question });
    const [asked, replied] = await repository.append(conversationId, [
      { role: 'user', content: question },
      { role: 'assistant', content: answer.answer, payload: { answer } },
    ]);
    if (!asked || !replied) throw new Error('the test conversation was not stored');
    await repository.update([{ conversationId, seq: replied.seq, payload: { replyTo: asked.seq, answer } }]);
    return { conversationId, seq: replied.seq };
  }

  return {
    url: server.url,
    warehouse,
    headersOf,
    storeAnswer,
    async close() {
      await server.close();
      await repository.close();
      warehouse.close();
      demo.remove();
    },
  };
}
