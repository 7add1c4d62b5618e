import type { SqlRunner } from '../sql-runner.ts';
import { loadDefaultAddress, type SavedAddress } from '../profile/default-address.ts';
import { loadSavedPaymentMethods, type SavedPaymentMethod } from '../payments/profile-payments.ts';

/** What a human agent sees beside a conversation: who the shopper is, their orders, past chats and tickets. */
export interface CustomerContext {
  customer: { customer_id: number; user_name: string | null; signup_date: string | null; city: string | null } | null;
  default_address: SavedAddress | null;
  payment_methods: SavedPaymentMethod[];
  orders: { order_no: string; status: string; created_at: string; total_amount: number; items: number; tracking_number: string | null }[];
  conversations: { conversation_id: string; state: string; created_at: string; messages: number; last_intent: string | null }[];
  tickets: { ticket_id: string; kind: string; status: string; order_no: string | null; created_at: string }[];
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * The customer context panel's data for one support conversation: the conversation's own customer (never one
 * named in a message), their ten latest orders with status, their other support conversations and their tickets.
 * Read-only; a conversation without a customer (a guest not yet verified) gets an empty context.
 */
export async function loadCustomerContext(runner: SqlRunner, conversationId: string): Promise<CustomerContext> {
  const owner = await runner.query(`SELECT customer_id FROM conversations WHERE conversation_id = $id AND kind = 'support'`, { id: conversationId });
  const customerId = owner.rows[0]?.customer_id === null || owner.rows[0] === undefined ? null : Number(owner.rows[0].customer_id);
  if (customerId === null) return { customer: null, default_address: null, payment_methods: [], orders: [], conversations: [], tickets: [] };
  // One after another: the runner may be a single connection.
  const user = await runner.query(`SELECT user_id, user_name, signup_date::VARCHAR AS signup_date, city FROM users WHERE user_id = $user`, { user: customerId });
  const orders = await runner.query(
      `SELECT o.order_no, o.status, o.created_at::VARCHAR AS created_at, o.total_amount::DOUBLE AS total_amount, o.tracking_number,
              (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) AS items
         FROM orders o WHERE o.user_id = $user ORDER BY o.created_at DESC, o.order_id DESC LIMIT 10`,
      { user: customerId },
  );
  const conversations = await runner.query(
      `SELECT c.conversation_id, c.state, c.created_at::VARCHAR AS created_at, c.last_seq AS messages,
              (SELECT m.intent FROM messages m WHERE m.conversation_id = c.conversation_id AND m.intent IS NOT NULL ORDER BY m.seq DESC LIMIT 1) AS last_intent
         FROM conversations c WHERE c.customer_id = $user AND c.kind = 'support' AND c.conversation_id <> $id ORDER BY c.created_at DESC LIMIT 10`,
      { user: customerId, id: conversationId },
  );
  const tickets = await runner.query(
      `SELECT t.ticket_id, t.kind, t.status, o.order_no, t.created_at::VARCHAR AS created_at
         FROM tickets t LEFT JOIN orders o ON o.order_id = t.order_id WHERE t.customer_id = $user ORDER BY t.created_at DESC, t.ticket_id LIMIT 20`,
      { user: customerId },
  );
  const row = user.rows[0];
  return {
    customer: row ? { customer_id: customerId, user_name: text(row.user_name), signup_date: text(row.signup_date), city: text(row.city) } : { customer_id: customerId, user_name: null, signup_date: null, city: null },
    default_address: (await loadDefaultAddress(runner, customerId)) ?? null,
    payment_methods: await loadSavedPaymentMethods(runner, customerId),
    orders: orders.rows.map((order) => ({ order_no: String(order.order_no), status: String(order.status), created_at: String(order.created_at), total_amount: Number(order.total_amount), items: Number(order.items), tracking_number: text(order.tracking_number) })),
    conversations: conversations.rows.map((conversation) => ({ conversation_id: String(conversation.conversation_id), state: String(conversation.state), created_at: String(conversation.created_at), messages: Number(conversation.messages), last_intent: text(conversation.last_intent) })),
    tickets: tickets.rows.map((ticket) => ({ ticket_id: String(ticket.ticket_id), kind: String(ticket.kind), status: String(ticket.status), order_no: text(ticket.order_no), created_at: String(ticket.created_at) })),
  };
}
