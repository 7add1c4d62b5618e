import type { CustomerContextWire, QueueEntry, ServerEvent, WireMessage } from '../../../src/server/protocol.ts';
import type { Credential } from '../shared/credentials.ts';
import { focusWithoutScroll, h, replaceChildren } from '../shared/dom.ts';
import { currentLanguage, onLanguageChange, t, type Language } from '../shared/i18n.ts';
import { MessageLog } from '../shared/message-log.ts';
import { newId } from '../shared/new-id.ts';
import { TypingSender } from '../shared/typing-sender.ts';
import { ProtocolSocket, type ConnectionStatus } from '../shared/protocol-socket.ts';
import { supportTableView } from '../support/order-cards.ts';
import { CANNED_REPLIES, insertReply } from './canned-replies.ts';
import { customerContextPanel } from './customer-context-panel.ts';

interface OpenConversation {
  conversationId: string;
  customerId: number | null;
  summary: string;
  state: string;
  /** The shopper's language (canned replies are inserted in it); unknown for conversations opened before it was sent. */
  language?: Language;
  log: MessageLog;
  messages: WireMessage[];
  /** Sent by the server after take and after each resume; not kept in sessionStorage (it would go stale). */
  context?: CustomerContextWire;
  customerTyping?: boolean;
}

const OPEN_KEY = 'shoplens.agents.open';

function shortId(conversationId: string): string {
  return conversationId.slice(0, 8);
}

/**
 * The human agents' console on /agents: the hand-off queue (live), taking a conversation (its history and the bot's
 * summary arrive with conversation-open), replying as a person, resolving. Taken conversations are remembered in
 * this tab and resumed after a reload or reconnect.
 */
export class AgentConsole {
  private readonly socket: ProtocolSocket;
  private queue: QueueEntry[] = [];
  private readonly open = new Map<string, OpenConversation>();
  private selected: string | null = null;
  private readonly typingSenders = new Map<string, TypingSender>();

  private readonly queueList = h('ul', { class: 'queue-list' });
  private readonly mineList = h('ul', { class: 'mine-list' });
  private readonly detail = h('section', { class: 'conversation-detail', 'aria-labelledby': 'detail-heading', tabindex: '-1' });
  private readonly connection = h('p', { class: 'connection', role: 'status' });
  private readonly announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });

  constructor(
    private readonly main: HTMLElement,
    credential: Credential,
    private readonly onSignedOut: (problem: string) => void,
  ) {
    for (const stored of this.loadOpen()) this.open.set(stored.conversationId, { ...stored, log: new MessageLog(stored.conversationId), messages: [] });
    replaceChildren(
      main,
      h('h1', { class: 'visually-hidden', i18n: 'agents.title' }),
      this.connection,
      h(
        'div',
        { class: 'agents-layout' },
        h(
          'aside',
          { class: 'queue', 'aria-labelledby': 'queue-heading' },
          h('h2', { id: 'queue-heading', i18n: 'agents.queue' }),
          this.queueList,
          h('h2', { id: 'mine-heading', i18n: 'agents.mine' }),
          this.mineList,
        ),
        this.detail,
      ),
      this.announcer,
    );
    this.renderQueue();
    this.renderMine();
    this.renderDetail();
    this.socket = new ProtocolSocket('/agents', credential, { event: (event) => this.handleEvent(event), status: (status) => this.handleStatus(status) });
    onLanguageChange(() => {
      this.renderQueue();
      this.renderMine();
      this.renderDetail();
    });
  }

  private loadOpen(): { conversationId: string; customerId: number | null; summary: string; state: string; language?: Language }[] {
    try {
      const value: unknown = JSON.parse(sessionStorage.getItem(OPEN_KEY) ?? '[]');
      if (!Array.isArray(value)) return [];
      return value
        .filter((entry): entry is { conversationId: string; customerId: number | null; summary: string; state: string; language?: unknown } => typeof entry?.conversationId === 'string')
        .map((entry) => ({ ...entry, language: entry.language === 'en' || entry.language === 'zh' ? entry.language : undefined }));
    } catch {
      return [];
    }
  }

  private saveOpen(): void {
    try {
      const entries = [...this.open.values()].map(({ conversationId, customerId, summary, state, language }) => ({ conversationId, customerId, summary, state, language }));
      sessionStorage.setItem(OPEN_KEY, JSON.stringify(entries));
    } catch {
      // Only the reload convenience is lost.
    }
  }

  private handleStatus(status: ConnectionStatus): void {
    this.connection.dataset.state = status.state;
    if (status.state === 'refused') {
      this.socket.close();
      this.onSignedOut(t('signIn.refused', { message: status.message }));
      return;
    }
    this.connection.textContent = status.state === 'connected' ? '' : t(`connection.${status.state}`);
    if (status.state !== 'connected') return;
    void this.socket.send({ type: 'queue-list' });
    for (const conversation of this.open.values()) {
      void this.socket.send({ type: 'resume', conversationId: conversation.conversationId, lastSeq: conversation.log.lastSeq });
    }
  }

  private handleEvent(event: ServerEvent): void {
    switch (event.type) {
      case 'queue-update':
        this.queue = event.entries;
        this.renderQueue();
        return;
      case 'conversation-open': {
        const conversation: OpenConversation = {
          conversationId: event.conversationId,
          customerId: event.customerId,
          summary: event.summary,
          state: event.state,
          language: event.language,
          log: new MessageLog(event.conversationId),
          messages: [],
        };
        for (const message of event.messages) if (conversation.log.accept(message)) conversation.messages.push(message);
        this.open.set(event.conversationId, conversation);
        this.saveOpen();
        this.select(event.conversationId);
        return;
      }
      case 'customer-context': {
        const conversation = this.open.get(event.conversationId);
        if (!conversation) return;
        conversation.context = event.context;
        if (this.selected === event.conversationId) this.detail.querySelector('.customer-context')?.replaceWith(customerContextPanel(event.context));
        return;
      }
      case 'typing': {
        const conversation = this.open.get(event.conversationId);
        if (!conversation || event.actor !== 'customer') return;
        conversation.customerTyping = event.active;
        if (this.selected === event.conversationId) this.showCustomerTyping(conversation);
        return;
      }
      case 'message-end': {
        const conversation = this.open.get(event.conversationId);
        if (!conversation || !conversation.log.accept(event.message)) return;
        // The shopper's message ends their typing spell even if the 'stopped' signal was held or lost.
        if (event.message.role === 'user') {
          conversation.customerTyping = false;
          if (this.selected === event.conversationId) this.showCustomerTyping(conversation);
        }
        conversation.messages.push(event.message);
        conversation.messages.sort((left, right) => left.seq - right.seq);
        if (event.message.role === 'user') this.announcer.textContent = t('agents.newMessage', { id: shortId(event.conversationId) });
        if (this.selected === event.conversationId) this.appendMessage(event.message);
        this.renderMine();
        return;
      }
      case 'error':
        this.showError(event.message);
        return;
      default:
        return;
    }
  }

  private showError(message: string): void {
    this.detail.querySelector('.error[role=alert]')?.remove();
    this.detail.prepend(h('p', { class: 'error', role: 'alert' }, message));
  }

  private async take(conversationId: string): Promise<void> {
    const acknowledgement = await this.socket.send({ type: 'conversation-take', conversationId });
    if (!acknowledgement.ok) this.showError(acknowledgement.message);
  }

  private select(conversationId: string): void {
    this.selected = conversationId;
    this.renderMine();
    this.renderDetail();
    focusWithoutScroll(this.detail.querySelector<HTMLElement>('#agent-reply') ?? this.detail);
  }

  private renderQueue(): void {
    const language = currentLanguage();
    if (this.queue.length === 0) {
      replaceChildren(this.queueList, h('li', { class: 'muted', i18n: 'agents.queueEmpty' }));
      return;
    }
    replaceChildren(
      this.queueList,
      this.queue.map((entry) =>
        h(
          'li',
          { class: 'queue-entry card', 'data-conversation': entry.conversationId },
          h('p', { class: 'queue-title' }, t('agents.customer', { id: entry.customerId ?? '?' }), ' · ', h('code', null, shortId(entry.conversationId))),
          h('p', { class: 'muted' }, t('agents.queuedAt', { time: new Date(entry.queuedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en') })),
          entry.summary ? h('p', { class: 'queue-summary' }, entry.summary) : null,
          h('button', { type: 'button', class: 'primary', 'aria-label': t('agents.takeLabel', { id: shortId(entry.conversationId) }), onClick: () => void this.take(entry.conversationId) }, t('agents.take')),
        ),
      ),
    );
  }

  private renderMine(): void {
    if (this.open.size === 0) {
      replaceChildren(this.mineList, h('li', { class: 'muted', i18n: 'agents.noneTaken' }));
      return;
    }
    replaceChildren(
      this.mineList,
      [...this.open.values()].map((conversation) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'history-item',
              'aria-current': conversation.conversationId === this.selected ? 'true' : undefined,
              onClick: () => this.select(conversation.conversationId),
            },
            t('agents.customer', { id: conversation.customerId ?? '?' }),
            ' · ',
            shortId(conversation.conversationId),
            conversation.state === 'resolved' ? ` (${t('agents.resolved')})` : '',
          ),
        ),
      ),
    );
  }

  private renderDetail(): void {
    const conversation = this.selected ? this.open.get(this.selected) : undefined;
    if (!conversation) {
      replaceChildren(this.detail, h('h2', { id: 'detail-heading', class: 'visually-hidden', i18n: 'agents.conversation' }), h('p', { class: 'muted empty-state', i18n: 'agents.pick' }));
      return;
    }
    const resolved = conversation.state === 'resolved';
    const input = h('textarea', { id: 'agent-reply', rows: 3, maxlength: 4000, disabled: resolved });
    const form = h(
      'form',
      {
        class: 'agent-composer',
        onSubmit: (event: Event) => {
          event.preventDefault();
          void this.reply(conversation, input);
        },
      },
      h('label', { for: 'agent-reply', i18n: 'agents.replyLabel' }),
      this.cannedReplies(conversation, input, resolved),
      input,
      h(
        'div',
        { class: 'composer-actions' },
        h('button', { type: 'submit', class: 'primary', disabled: resolved, i18n: 'agents.send' }),
        h('button', { type: 'button', class: 'secondary', disabled: resolved, i18n: 'agents.resolve', onClick: () => void this.resolve(conversation) }),
      ),
    );
    input.addEventListener('input', () => this.typingSenderOf(conversation).typed());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.reply(conversation, input);
      }
    });
    replaceChildren(
      this.detail,
      h('h2', { id: 'detail-heading' }, t('agents.customer', { id: conversation.customerId ?? '?' }), ' · ', h('code', null, shortId(conversation.conversationId))),
      h('p', { class: 'muted' }, t('agents.state', { state: conversation.state })),
      h('div', { class: 'bot-summary card', role: 'note' }, h('h3', { i18n: 'agents.summary' }), h('p', null, conversation.summary || t('agents.noSummary'))),
      customerContextPanel(conversation.context),
      h('ol', { class: 'agent-history', i18nAttributes: { 'aria-label': 'agents.history' } }),
      h('p', { class: 'typing customer-typing', hidden: !conversation.customerTyping, i18n: 'agents.customerTyping' }),
      form,
    );
    for (const message of conversation.messages) this.appendMessage(message);
  }

  private appendMessage(message: WireMessage): void {
    const list = this.detail.querySelector('.agent-history');
    if (!list) return;
    const author = { user: 'agents.roleCustomer', assistant: 'agents.roleBot', agent: 'agents.roleAgent', system: 'agents.roleSystem', tool: 'agents.roleSystem' } as const;
    const item = h(
      'li',
      { class: `history-message ${message.role}`, 'data-seq': message.seq },
      h('span', { class: 'bubble-author', i18n: author[message.role] }),
      h('p', null, message.text),
      message.table && message.table.rows.length > 0 ? supportTableView(message.table) : null,
      message.confirmation ? h('p', { class: 'muted' }, t('agents.confirmationAsked', { summary: message.confirmation.summary })) : null,
    );
    list.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  /** Buttons labelled in the console's language that put a canned reply, in the shopper's language, in the box. */
  private cannedReplies(conversation: OpenConversation, input: HTMLTextAreaElement, disabled: boolean): HTMLElement {
    const language = conversation.language ?? currentLanguage();
    return h(
      'div',
      { class: 'canned-replies', role: 'group', i18nAttributes: { 'aria-label': 'agents.cannedReplies' } },
      h('span', { class: 'muted', i18n: 'agents.cannedReplies' }),
      CANNED_REPLIES.map((reply) =>
        h(
          'button',
          {
            type: 'button',
            class: 'secondary canned-reply',
            'data-canned': reply.id,
            title: reply.text[language],
            disabled,
            onClick: () => {
              insertReply(input, reply.text[language]);
              focusWithoutScroll(input);
            },
          },
          reply.label[currentLanguage()],
        ),
      ),
    );
  }

  private showCustomerTyping(conversation: OpenConversation): void {
    const indicator = this.detail.querySelector<HTMLElement>('.customer-typing');
    if (indicator) indicator.hidden = !conversation.customerTyping;
  }

  private typingSenderOf(conversation: OpenConversation): TypingSender {
    let sender = this.typingSenders.get(conversation.conversationId);
    if (!sender) {
      sender = new TypingSender((active) => {
        if (conversation.state === 'human' || !active) void this.socket.send({ type: 'typing-signal', conversationId: conversation.conversationId, active });
      });
      this.typingSenders.set(conversation.conversationId, sender);
    }
    return sender;
  }

  private async reply(conversation: OpenConversation, input: HTMLTextAreaElement): Promise<void> {
    const text = input.value.trim();
    if (!text) return;
    this.typingSenderOf(conversation).stop();
    input.value = '';
    const acknowledgement = await this.socket.send({ type: 'agent-reply', conversationId: conversation.conversationId, idempotencyKey: newId(), text });
    if (!acknowledgement.ok) {
      input.value = text;
      this.showError(acknowledgement.message);
    }
    focusWithoutScroll(input);
  }

  private async resolve(conversation: OpenConversation): Promise<void> {
    this.typingSenderOf(conversation).stop();
    const acknowledgement = await this.socket.send({ type: 'conversation-resolve', conversationId: conversation.conversationId });
    if (!acknowledgement.ok) {
      this.showError(acknowledgement.message);
      return;
    }
    conversation.state = 'resolved';
    this.saveOpen();
    this.announcer.textContent = t('agents.resolvedAnnouncement');
    this.renderMine();
    this.renderDetail();
  }
}
