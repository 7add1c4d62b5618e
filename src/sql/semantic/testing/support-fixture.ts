import type { Warehouse } from '../../warehouse.ts';

/**
 * A hand-made week of support chats (2025-11-17 … 2025-11-23, plus rows just outside it) whose metric values
 * are worked out by hand in the tests that use it. Conversations:
 * - c1 (zh): two return turns, a return policy denial, then "转人工" (handoff turn + handoff_requested at the
 *   same second) and a human taking it → one hand-off, attributed to return.
 * - c2 (en): order status, a cancel card, a confirmation that commits it; no hand-off.
 * - c3 (zh): greeting, then an immediate hand-off → attributed to 'handoff' (no topic turn before it).
 * - c4 (en): exchange turn + exchange denial, return turn + return denial, next day a hand-off → return.
 * - c6 (zh): a return turn on 11-16 (before the week), the hand-off on 11-17 → counted in the week, under return.
 * - c5 (zh): only on 11-24 (after the week).
 * - one return policy denial without a conversation on 11-22.
 */
export const SUPPORT_ROWS: [string, string, string | null, string, string | null, string | null, string | null][] = [
  // [occurred_at, event_id, conversation_id, event_type, intent, outcome, language]
  ['2025-11-17 10:00:00', 'e01', 'c1', 'turn', 'return', 'answered', 'zh'],
  ['2025-11-17 10:01:00', 'e02', 'c1', 'policy_denial', 'return', 'return_window_passed', 'zh'],
  ['2025-11-17 10:02:00', 'e03', 'c1', 'turn', 'return', 'denied', 'zh'],
  ['2025-11-17 10:03:00', 'e04', 'c1', 'handoff_requested', 'handoff', 'queued', 'zh'],
  ['2025-11-17 10:03:00', 'e05', 'c1', 'turn', 'handoff', 'handoff', 'zh'],
  ['2025-11-17 10:10:00', 'e06', 'c1', 'handoff_taken', 'handoff', 'human', null],
  ['2025-11-18 09:00:00', 'e07', 'c2', 'turn', 'order_status', 'answered', 'en'],
  ['2025-11-18 09:05:00', 'e08', 'c2', 'confirmation_requested', 'cancel_order', 'awaiting_confirmation', 'en'],
  ['2025-11-18 09:05:00', 'e09', 'c2', 'turn', 'cancel_order', 'awaiting_confirmation', 'en'],
  ['2025-11-18 09:06:00', 'e10', 'c2', 'write_committed', 'cancel_order', 'committed', 'en'],
  ['2025-11-18 09:06:00', 'e11', 'c2', 'turn', 'confirmation', 'confirmation_committed', 'en'],
  ['2025-11-19 20:00:00', 'e12', 'c3', 'turn', 'greeting', 'answered', 'zh'],
  ['2025-11-19 20:01:00', 'e13', 'c3', 'handoff_requested', 'handoff', 'queued', 'zh'],
  ['2025-11-19 20:01:00', 'e14', 'c3', 'turn', 'handoff', 'handoff', 'zh'],
  ['2025-11-20 11:00:00', 'e15', 'c4', 'turn', 'exchange', 'clarify', 'en'],
  ['2025-11-20 11:01:00', 'e16', 'c4', 'policy_denial', 'exchange', 'exchange_window_passed', 'en'],
  ['2025-11-20 11:05:00', 'e17', 'c4', 'turn', 'return', 'denied', 'en'],
  ['2025-11-20 11:05:30', 'e18', 'c4', 'policy_denial', 'return', 'item_already_returned', 'en'],
  ['2025-11-21 08:00:00', 'e19', 'c4', 'handoff_requested', 'handoff', 'queued', 'en'],
  ['2025-11-21 08:00:00', 'e20', 'c4', 'turn', 'handoff', 'handoff', 'en'],
  ['2025-11-16 22:00:00', 'e21', 'c6', 'turn', 'return', 'answered', 'zh'],
  ['2025-11-17 09:00:00', 'e22', 'c6', 'handoff_requested', 'handoff', 'queued', 'zh'],
  ['2025-11-17 09:00:00', 'e23', 'c6', 'turn', 'handoff', 'handoff', 'zh'],
  ['2025-11-24 12:00:00', 'e24', 'c5', 'turn', 'return', 'answered', 'zh'],
  ['2025-11-24 12:01:00', 'e25', 'c5', 'handoff_requested', 'handoff', 'queued', 'zh'],
  ['2025-11-22 15:00:00', 'e26', null, 'policy_denial', 'return', 'return_window_passed', null],
];

export const SUPPORT_WEEK = { start: '2025-11-17', end: '2025-11-23' } as const;

function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

export async function loadSupportRows(warehouse: Warehouse): Promise<void> {
  const values = SUPPORT_ROWS.map(([at, id, conversation, type, intent, outcome, language]) =>
    `(${[id, at, conversation, type, intent, outcome, language].map(literal).join(', ')})`);
  await warehouse.run(
    `INSERT INTO support_events (event_id, occurred_at, conversation_id, event_type, intent, outcome, language) VALUES ${values.join(', ')}`,
  );
}
