import { randomUUID } from 'node:crypto';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { HandoffDesk, QueuedConversation, SupportReply, SupportResponder, SupportSession } from '../support-responder.ts';

/**
 * A small stand-in for the customer-service agent, for server tests and the load bench while src/support is
 * not there: real order look-ups in the warehouse, a confirmation flow, hand-off, a failure and a slow path.
 * It counts its calls so tests can prove a retried message never ran twice.
 */
export class FakeSupportResponder implements SupportResponder {
  readonly calls: { conversationId: string; text: string }[] = [];
  readonly summaries = new Map<string, string>();

  constructor(
    private readonly warehouse: Warehouse,
    private readonly options: { delayMs?: number } = {},
  ) {}

  async handleMessage(input: { conversationId: string; session: SupportSession; text: string }): Promise<SupportReply[]> {
    this.calls.push({ conversationId: input.conversationId, text: input.text });
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    const text = input.text;
    // Long enough to see the typing indicator, which the server shows only for replies slower than 250 ms.
    if (/\bslow\b/i.test(text)) await new Promise((resolve) => setTimeout(resolve, 1200));
    if (/\bfail\b/i.test(text)) throw new Error('fake responder failure');
    if (/human|人工/i.test(text)) return [await this.handOff(input.conversationId, input.session, text)];
    if (/cancel|取消/i.test(text)) {
      const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
      return [{ text: 'Cancel your latest order? Please confirm.', intent: 'cancel_order', confirmation: { confirmationId: randomUUID(), summary: 'Cancel latest order', expiresAt } }];
    }
    if (/order|订单/i.test(text)) return [await this.orderStatus(input.session)];
    return [{ text: `You said: ${text}`, intent: 'other' }];
  }

  async handleConfirmation(input: { conversationId: string; session: SupportSession; confirmationId: string; confirm: boolean }): Promise<SupportReply[]> {
    this.calls.push({ conversationId: input.conversationId, text: `confirmation:${input.confirmationId}:${input.confirm}` });
    return [{ text: input.confirm ? 'Done: the order is cancelled.' : 'OK, nothing was changed.', intent: 'cancel_order' }];
  }

  private async orderStatus(session: SupportSession): Promise<SupportReply> {
    const scope = session.scope;
    const result = await this.warehouse.query(
      `SELECT order_no, status, total_amount FROM orders WHERE user_id = $customer ${scope.kind === 'guest-order' ? 'AND order_id = $order' : ''}
        ORDER BY created_at DESC LIMIT 1`,
      scope.kind === 'guest-order' ? { customer: scope.customerId, order: scope.orderId } : { customer: scope.customerId },
    );
    const row = result.rows[0];
    if (!row) return { text: 'I could not find an order on your account.', intent: 'order_status' };
    return {
      text: `Order ${String(row.order_no)} is ${String(row.status)}.`,
      intent: 'order_status',
      table: { columns: result.columns, rows: result.rows },
    };
  }

  private async handOff(conversationId: string, session: SupportSession, text: string): Promise<SupportReply> {
    await this.warehouse.run(`UPDATE conversations SET state = 'queued', updated_at = now()::TIMESTAMP WHERE conversation_id = $id`, { id: conversationId });
    this.summaries.set(conversationId, `Customer ${session.scope.customerId} asked for a person: ${text.slice(0, 100)}`);
    return { text: 'I am handing you over to a colleague.', intent: 'handoff', handoff: { state: 'queued', ticketId: `T-${conversationId.slice(0, 8)}` } };
  }
}

/** The hand-off queue over conversations.state, for tests (the real one lives in src/support). */
export class FakeHandoffDesk implements HandoffDesk {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly responder: FakeSupportResponder,
  ) {}

  async listQueue(): Promise<QueuedConversation[]> {
    const result = await this.warehouse.query(
      `SELECT conversation_id, customer_id, strftime(updated_at, '%Y-%m-%dT%H:%M:%S') AS queued_at
         FROM conversations WHERE kind = 'support' AND state = 'queued' ORDER BY updated_at`,
    );
    return result.rows.map((row) => ({
      conversationId: String(row.conversation_id),
      customerId: typeof row.customer_id === 'number' ? row.customer_id : null,
      summary: this.responder.summaries.get(String(row.conversation_id)) ?? '',
      queuedAt: String(row.queued_at),
    }));
  }

  async takeConversation(conversationId: string): Promise<void> {
    await this.move(conversationId, 'queued', 'human');
  }

  async resolveConversation(conversationId: string): Promise<void> {
    await this.move(conversationId, 'human', 'resolved');
  }

  private async move(conversationId: string, from: string, to: string): Promise<void> {
    const result = await this.warehouse.query(
      `UPDATE conversations SET state = $to, updated_at = now()::TIMESTAMP WHERE conversation_id = $id AND state = $from RETURNING conversation_id`,
      { id: conversationId, from, to },
    );
    if (result.rows.length === 0) throw new Error(`conversation ${conversationId} is not ${from}`);
  }
}
