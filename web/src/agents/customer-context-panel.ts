import type { CustomerContextWire } from '../../../src/server/protocol.ts';
import { h } from '../shared/dom.ts';
import { currentLanguage, t, type MessageKey } from '../shared/i18n.ts';

const ORDER_STATUSES = new Set(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned']);
const TICKET_STATUSES = new Set(['open', 'approved', 'denied', 'completed', 'closed']);
const CONVERSATION_STATES = new Set(['bot', 'queued', 'human', 'resolved']);
const PAYMENT_KINDS = new Set(['credit_card', 'union_pay', 'alipay', 'wechat_pay', 'paypal', 'gift_card']);
const TICKET_KINDS = new Set(['cancel', 'return', 'exchange', 'address_change', 'handoff', 'other']);

/** A stored code in the page's language; a code this page does not know is shown as stored, not hidden. */
function label(prefix: 'orderStatus' | 'ticketStatus' | 'conversationState' | 'paymentKind' | 'ticketKind', known: Set<string>, code: string): string {
  return known.has(code) ? t(`agents.${prefix}.${code}` as MessageKey) : code;
}

function money(amount: number): string {
  return amount.toLocaleString(currentLanguage() === 'zh' ? 'zh-CN' : 'en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function table(caption: MessageKey, headers: MessageKey[], rows: (string | Node)[][], empty: MessageKey, className: string): HTMLElement {
  if (rows.length === 0) return h('div', { class: className }, h('h4', { i18n: caption }), h('p', { class: 'muted', i18n: empty }));
  return h(
    'div',
    { class: className },
    h(
      'table',
      { class: 'context-table' },
      h('caption', { i18n: caption }),
      h('thead', null, h('tr', null, headers.map((header) => h('th', { scope: 'col', i18n: header })))),
      h('tbody', null, rows.map((cells) => h('tr', null, cells.map((cell) => h('td', null, cell))))),
    ),
  );
}

/**
 * The customer context panel of the agent console: the profile, the latest orders and their status, the shopper's
 * other conversations and their tickets, as the server sent them for this conversation (customer-context event).
 */
export function customerContextPanel(context: CustomerContextWire | undefined): HTMLElement {
  const section = h('section', { class: 'customer-context card', 'aria-labelledby': 'context-heading' }, h('h3', { id: 'context-heading', i18n: 'agents.context' }));
  if (!context) {
    section.append(h('p', { class: 'muted', i18n: 'agents.contextLoading' }));
    return section;
  }
  if (!context.customer) {
    section.append(h('p', { class: 'muted', i18n: 'agents.contextGuest' }));
    return section;
  }
  const { customer } = context;
  const address = context.default_address ? context.default_address.full_address ?? [context.default_address.street, context.default_address.city, context.default_address.province, context.default_address.postal_code].filter(Boolean).join(', ') : t('agents.none');
  const methods = context.payment_methods.length === 0 ? t('agents.none') : context.payment_methods.map((method) => [label('paymentKind', PAYMENT_KINDS, method.kind), method.last4 ? `•${method.last4}` : null, method.balance === null ? null : money(method.balance)].filter(Boolean).join(' ')).join(' · ');
  section.append(
    h(
      'dl',
      { class: 'context-profile' },
      h('dt', { i18n: 'agents.profileName' }),
      h('dd', null, customer.user_name ?? t('agents.none')),
      h('dt', { i18n: 'agents.profileCity' }),
      h('dd', null, customer.city ?? t('agents.none')),
      h('dt', { i18n: 'agents.profileSince' }),
      h('dd', null, customer.signup_date ?? t('agents.none')),
      h('dt', { i18n: 'agents.profileAddress' }),
      h('dd', null, address),
      h('dt', { i18n: 'agents.profilePayments' }),
      h('dd', null, methods),
    ),
    table(
      'agents.orders',
      ['agents.orderNo', 'agents.orderStatus', 'agents.orderDate', 'agents.orderTotal', 'agents.orderTracking'],
      context.orders.map((order) => [
        order.order_no,
        h('span', { class: 'status-badge', 'data-status': order.status }, label('orderStatus', ORDER_STATUSES, order.status)),
        order.created_at.slice(0, 10),
        money(order.total_amount),
        order.tracking_number ?? '—',
      ]),
      'agents.noOrders',
      'context-orders',
    ),
    table(
      'agents.pastConversations',
      ['agents.conversationStarted', 'agents.conversationState', 'agents.conversationMessages', 'agents.conversationIntent'],
      context.conversations.map((conversation) => [conversation.created_at.slice(0, 16), label('conversationState', CONVERSATION_STATES, conversation.state), String(conversation.messages), conversation.last_intent ?? '—']),
      'agents.noConversations',
      'context-conversations',
    ),
    table(
      'agents.tickets',
      ['agents.ticketId', 'agents.ticketKind', 'agents.ticketStatus', 'agents.ticketOrder'],
      context.tickets.map((ticket) => [ticket.ticket_id, label('ticketKind', TICKET_KINDS, ticket.kind), label('ticketStatus', TICKET_STATUSES, ticket.status), ticket.order_no ?? '—']),
      'agents.noTickets',
      'context-tickets',
    ),
  );
  return section;
}
