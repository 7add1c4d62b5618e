import type { ToolOutcome } from '../../agent/planner.ts';
import type { Language } from '../../text/language.ts';
import type { WriteToolResult } from '../confirmations/write-result.ts';
import { defaultAddressText, handoffText, knowledgeText, orderListText, orderStatusText, productFactsText, recommendationsText, say, writeResultText } from '../render/reply-texts.ts';
import type { DefaultAddressResult, HandoffResult, KnowledgeResult, OrderListResult, OrderPaymentsResult, OrderStatusResult, PaymentMethodsResult, ProductFactsResult, RecommendationsResult } from '../render/tool-results.ts';
import { orderPaymentsText, paymentMethodsText } from '../render/payment-texts.ts';
import type { SupportIntent, SupportTable } from '../support-reply.ts';

const INTENT_OF_TOOL: Record<string, SupportIntent> = {
  list_my_orders: 'order_status',
  get_order_status: 'order_status',
  get_order_payments: 'payment_info',
  get_my_payment_methods: 'payment_info',
  cancel_order: 'cancel_order',
  request_return: 'return',
  request_exchange: 'exchange',
  change_shipping_address: 'change_address',
  change_payment_method: 'change_payment',
  change_order_items: 'change_items',
  get_my_default_address: 'default_address',
  set_default_address: 'default_address',
  request_several_changes: 'several',
  product_question: 'product_question',
  support_recommend_products: 'recommendation',
  search_faq: 'faq',
  escalate_to_human: 'handoff',
};
const WRITE_TOOLS = new Set(['cancel_order', 'request_return', 'request_exchange', 'change_shipping_address', 'change_payment_method', 'change_order_items', 'set_default_address', 'request_several_changes']);

export interface OutcomeParts {
  intent: SupportIntent;
  table?: SupportTable;
  confirmation?: { confirmationId: string; summary: string; expiresAt: string; intent: string };
  handoff?: { state: 'queued'; ticketId: string };
  citations: string[];
  /** A reply built only from the results, used when the model's own text cannot be trusted. */
  fallbackText: string;
  lastOrderNo?: string;
}

function asTable(result: unknown): SupportTable | undefined {
  if (!result || typeof result !== 'object') return undefined;
  const candidate = result as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(candidate.columns) || !Array.isArray(candidate.rows) || candidate.rows.length === 0) return undefined;
  return { columns: candidate.columns as SupportTable['columns'], rows: (candidate.rows as object[]).map((row) => ({ ...row })) };
}

function textOf(outcome: ToolOutcome, language: Language): string {
  const result = outcome.result;
  switch (outcome.toolName) {
    case 'list_my_orders':
      return orderListText(result as OrderListResult, language);
    case 'get_order_status': {
      const status = result as OrderStatusResult;
      return status.status === 'found' ? orderStatusText(status, language) : status.message;
    }
    case 'get_order_payments':
      return orderPaymentsText(result as OrderPaymentsResult, language);
    case 'get_my_payment_methods':
      return paymentMethodsText(result as PaymentMethodsResult, language);
    case 'product_question':
      return productFactsText(result as ProductFactsResult, language);
    case 'support_recommend_products':
      return recommendationsText(result as RecommendationsResult, language);
    case 'search_faq':
      return knowledgeText(result as KnowledgeResult, language);
    case 'escalate_to_human':
      return handoffText((result as HandoffResult).ticket_id, language);
    case 'get_my_default_address':
      return defaultAddressText(result as DefaultAddressResult, language);
    default:
      return WRITE_TOOLS.has(outcome.toolName) ? writeResultText(result as WriteToolResult, language) : '';
  }
}

/**
 * The structured parts of an LLM turn, taken from what the tools returned (never from the model's words): the
 * card to confirm, the hand-off ticket, the table to show, the policy/FAQ sections used, and a fallback text.
 */
export function replyPartsFromOutcomes(outcomes: readonly ToolOutcome[], language: Language): OutcomeParts {
  const succeeded = outcomes.filter((outcome) => outcome.ok);
  const last = succeeded[succeeded.length - 1];
  const lastWrite = [...succeeded].reverse().find((outcome) => WRITE_TOOLS.has(outcome.toolName));
  const handoffOutcome = succeeded.find((outcome) => outcome.toolName === 'escalate_to_human');
  const decisive = handoffOutcome ?? lastWrite ?? last;
  const parts: OutcomeParts = {
    intent: decisive ? INTENT_OF_TOOL[decisive.toolName] ?? 'other' : 'other',
    citations: [],
    fallbackText: decisive ? textOf(decisive, language) : say(language, 'Sorry, I could not find an answer to that. I can pass you to a human agent if you like.', '抱歉,我没能找到答案。如果需要,我可以为您转接人工客服。'),
  };
  for (const outcome of succeeded) {
    const result = outcome.result as Record<string, unknown>;
    if (outcome.toolName === 'search_faq') {
      const first = (result as unknown as KnowledgeResult).sections[0];
      if (first) parts.citations.push(first.section);
    }
    if (WRITE_TOOLS.has(outcome.toolName) && typeof result.policy_section === 'string') parts.citations.push(result.policy_section);
    if (typeof result.order_no === 'string') parts.lastOrderNo = result.order_no;
    const table = asTable(result);
    if (table) parts.table = table;
  }
  if (lastWrite) {
    const write = lastWrite.result as WriteToolResult;
    if (write.status === 'awaiting_confirmation') {
      parts.confirmation = { confirmationId: write.confirmation_id, summary: write.summary, expiresAt: write.expires_at, intent: INTENT_OF_TOOL[lastWrite.toolName] ?? 'other' };
    }
  }
  if (handoffOutcome) parts.handoff = { state: 'queued', ticketId: (handoffOutcome.result as HandoffResult).ticket_id };
  parts.citations = [...new Set(parts.citations)];
  return parts;
}
