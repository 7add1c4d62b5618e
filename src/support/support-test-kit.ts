import type { ModelResponse } from '../agent/llm/chat-model.ts';
import { afterAll, beforeAll } from 'vitest';
import { ConversationStore } from '../agent/conversation-store.ts';
import type { ChatModel } from '../agent/llm/chat-model.ts';
import { HashingEncoder } from '../models/embeddings/hashing-encoder.ts';
import { loadAsOfDate } from '../sql/semantic/index.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import type { SupportClock } from './support-clock.ts';
import { SupportAgent, type SupportAgentOptions } from './support-agent.ts';
import type { SupportReply } from './support-reply.ts';
import type { SupportSession } from './support-session.ts';

/** A clock tests move by hand (token expiry). */
export class ManualClock implements SupportClock {
  private current: Date;
  constructor(start = new Date(2025, 10, 30, 12, 0, 0)) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export interface SupportFixture {
  warehouse: Warehouse;
  agent: SupportAgent;
  clock: ManualClock;
  asOf: string;
  /** Builds another agent on the same warehouse (e.g. with a scripted model). */
  agentWith(options: Partial<SupportAgentOptions>): Promise<SupportAgent>;
  close(): void;
}

/** A small seeded demo (300 users × 30 days) in a temp file, opened the way the server opens it. */
export async function openSupportFixture(options: { chatModel?: ChatModel; users?: number } = {}): Promise<SupportFixture> {
  const demo = await createDemoWarehouseFile({ users: options.users ?? 300, days: 30 });
  const warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
  const clock = new ManualClock();
  const base: SupportAgentOptions = {
    warehouse,
    clock,
    chatModel: options.chatModel,
    selectEncoder: async () => ({ encoder: new HashingEncoder(), kind: 'fallback', reason: 'test encoder' }),
  };
  const agent = await SupportAgent.create(base);
  return {
    warehouse,
    agent,
    clock,
    asOf: await loadAsOfDate(warehouse),
    agentWith: (extra) => SupportAgent.create({ ...base, ...extra }),
    close: () => {
      warehouse.close();
      demo.remove();
    },
  };
}

/**
 * One seeded fixture for a whole test file (opened before its tests, closed after), with an OrderPicker and a chat
 * helper that opens a conversation for a shopper and reports its state.
 */
export function useSupportFixture(options: { users?: number } = {}): { readonly fixture: SupportFixture; readonly picker: OrderPicker; chatFor(customerId: number): Promise<{ chat: (text: string) => Promise<SupportReply>; state: () => Promise<string> }> } {
  let fixture: SupportFixture | undefined;
  let picker: OrderPicker | undefined;
  beforeAll(async () => {
    fixture = await openSupportFixture(options);
    picker = new OrderPicker(fixture.warehouse);
  });
  afterAll(() => fixture?.close());
  const opened = () => {
    if (!fixture || !picker) throw new Error('useSupportFixture: the fixture is opened in beforeAll; use it inside tests');
    return { fixture, picker };
  };
  return {
    get fixture() {
      return opened().fixture;
    },
    get picker() {
      return opened().picker;
    },
    async chatFor(customerId: number) {
      const { fixture: open } = opened();
      const conversationId = await startConversation(open.warehouse, customerId);
      return {
        chat: (text: string) => send(open.agent, open.warehouse, conversationId, customerSession(customerId), text),
        state: async () => String((await open.warehouse.query('SELECT state FROM conversations WHERE conversation_id = $id', { id: conversationId })).rows[0]?.state),
      };
    },
  };
}

/** What the server does before the first message: a conversations row of kind 'support'. */
export async function startConversation(warehouse: Warehouse, customerId: number): Promise<string> {
  return new ConversationStore(warehouse).create('support', { customerId });
}

async function storeMessage(warehouse: Warehouse, conversationId: string, role: 'user' | 'assistant', content: string, intent: string | null): Promise<void> {
  await warehouse.transaction(async (connection) => {
    const reader = await connection.runAndReadAll('SELECT last_seq FROM conversations WHERE conversation_id = $id', { id: conversationId });
    const seq = Number(reader.getRows()[0]?.[0] ?? 0) + 1;
    await connection.run(`INSERT INTO messages (conversation_id, seq, role, content, intent, created_at) VALUES ($id, $seq, $role, $content, $intent, now()::TIMESTAMP)`, { id: conversationId, seq, role, content, intent });
    await connection.run('UPDATE conversations SET last_seq = $seq WHERE conversation_id = $id', { id: conversationId, seq });
  });
}

/** One shopper message the way the server handles it: store it, ask the agent, store the replies with their intent. */
export async function send(agent: SupportAgent, warehouse: Warehouse, conversationId: string, session: SupportSession, text: string): Promise<SupportReply> {
  await storeMessage(warehouse, conversationId, 'user', text, null);
  const replies = await agent.handleMessage({ conversationId, session, text });
  for (const reply of replies) await storeMessage(warehouse, conversationId, 'assistant', reply.text, reply.intent);
  const reply = replies[replies.length - 1];
  if (!reply) throw new Error(`The agent gave no reply to "${text}" (is the conversation with a human?)`);
  return reply;
}

export function customerSession(customerId: number, language?: 'en' | 'zh'): SupportSession {
  return { scope: { kind: 'customer', customerId }, ...(language ? { language } : {}) };
}

export interface PickedOrder {
  orderId: number;
  orderNo: string;
  customerId: number;
  lines: number;
}

/**
 * An order matching a SQL condition (on orders `o`), from a shopper no earlier pick used, so the scenarios of
 * one test file never step on each other's data.
 */
export class OrderPicker {
  private readonly usedCustomers = new Set<number>();
  constructor(private readonly warehouse: Warehouse) {}

  async pick(condition: string, customerCondition = 'TRUE'): Promise<PickedOrder> {
    const result = await this.warehouse.query(
      `SELECT o.order_id, o.order_no, o.user_id, (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) AS lines
         FROM orders o WHERE o.user_id IS NOT NULL AND (${condition}) AND (${customerCondition}) ORDER BY o.order_no`,
    );
    for (const row of result.rows) {
      const customerId = Number(row.user_id);
      if (this.usedCustomers.has(customerId)) continue;
      this.usedCustomers.add(customerId);
      return { orderId: Number(row.order_id), orderNo: String(row.order_no), customerId, lines: Number(row.lines) };
    }
    throw new Error(`No unused order matches ${condition} / ${customerCondition}; seed more users.`);
  }

  reserve(customerId: number): void {
    this.usedCustomers.add(customerId);
  }
}

export async function orderState(warehouse: Warehouse, orderId: number): Promise<Record<string, unknown>> {
  const result = await warehouse.query(
    `SELECT status, cancelled_at, exchange_count, shipping_address, shipping_city, (SELECT list(returned_quantity ORDER BY line_no) FROM order_items WHERE order_id = $order) AS returned
       FROM orders WHERE order_id = $order`,
    { order: orderId },
  );
  return result.rows[0] ?? {};
}

/** Another option of the same product as an order line, in stock (what an exchange can ask for). */
export async function otherOptionOf(warehouse: Warehouse, orderId: number, lineNo: number, language: 'en' | 'zh'): Promise<string> {
  const result = await warehouse.query(
    `SELECT other.option_en, other.option_zh FROM order_items i JOIN products own USING (product_id)
       JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id AND other.stock > 0
      WHERE i.order_id = $order AND i.line_no = $line ORDER BY other.product_id LIMIT 1`,
    { order: orderId, line: lineNo },
  );
  const row = result.rows[0];
  if (!row) throw new Error(`order ${orderId} line ${lineNo} has no other option in stock`);
  return String(language === 'en' ? row.option_en : row.option_zh);
}

/** The 1-based position of an order in a reply's order table, if it is listed. */
export function positionIn(reply: SupportReply, orderNo: string): number | undefined {
  const index = reply.table?.rows.findIndex((row) => row.order_no === orderNo) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

/** A scripted model turn that calls one tool. */
export function toolCallResponse(id: string, name: string, argumentsValue: Record<string, unknown>): ModelResponse {
  return { text: '', toolCalls: [{ id, name, arguments: argumentsValue }] };
}

/** A scripted model turn that answers in words. */
export function answerResponse(text: string): ModelResponse {
  return { text, toolCalls: [] };
}
