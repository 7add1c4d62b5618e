import { endsBotTyping, type ServerEvent, type WireMessage } from '../../../src/server/protocol.ts';
import type { Credential } from '../shared/credentials.ts';
import { focusWithoutScroll, h } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { MessageLog } from '../shared/message-log.ts';
import { newId } from '../shared/new-id.ts';
import { TypingSender } from '../shared/typing-sender.ts';
import { ProtocolSocket, type ConnectionStatus } from '../shared/protocol-socket.ts';
import { confirmationCard } from './confirmation-card.ts';
import { supportTableView } from './order-cards.ts';

const CONVERSATION_KEY = 'shoplens.support.conversation';

function storedConversationId(): string | null {
  try {
    return sessionStorage.getItem(CONVERSATION_KEY);
  } catch {
    return null;
  }
}

function storeConversationId(conversationId: string | null): void {
  try {
    if (conversationId) sessionStorage.setItem(CONVERSATION_KEY, conversationId);
    else sessionStorage.removeItem(CONVERSATION_KEY);
  } catch {
    // Without storage a reload starts a new conversation.
  }
}

export function forgetSupportConversation(): void {
  storeConversationId(null);
}

/**
 * The shopper's chat: streamed bot replies with a typing indicator, order cards, confirmation cards, hand-off to a
 * person, human agents' replies. Survives reloads (the conversation id stays in this tab) and dropped connections:
 * after a reconnect it resumes from the last seq it showed, so missed messages appear once.
 */
export class SupportChat {
  readonly element: HTMLElement;
  private readonly socket: ProtocolSocket;
  private conversationId = storedConversationId();
  private log = new MessageLog(this.conversationId);
  private readonly messages = h('ol', { class: 'support-messages', role: 'log', 'aria-live': 'polite', i18nAttributes: { 'aria-label': 'support.messagesLabel' } });
  private readonly typing = h('p', { class: 'typing', hidden: true }, h('span', { i18n: 'support.typing' }), h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')));
  private readonly connection = h('p', { class: 'connection', role: 'status' });
  private readonly typingSender = new TypingSender((active) => {
    if (this.conversationId && (this.handoffState !== 'bot' || !active)) void this.socket.send({ type: 'typing-signal', conversationId: this.conversationId, active });
  });
  private readonly input = h('textarea', { id: 'support-input', rows: 1, maxlength: 2000, i18nAttributes: { placeholder: 'support.placeholder' } });
  private readonly humanButton = h('button', { type: 'button', class: 'link-button human-button', i18n: 'support.talkToHuman' });
  private readonly streaming = new Map<string, HTMLElement>();
  private handoffState: 'bot' | 'queued' | 'human' = 'bot';
  /**
   * Messages for the bot that no reply answers yet, by idempotency key (with their seq once acknowledged). After a
   * reconnect they are sent again with the same key: the server stores nothing twice, replays what exists and runs
   * the bot for a message it never answered (e.g. the server restarted mid-turn).
   */
  private readonly unanswered = new Map<string, { text: string; seq?: number }>();
  /** Replies seen, by the seq they answer (a reply can overtake its message's acknowledgement). */
  private readonly answered = new Set<number>();

  constructor(
    credential: Credential,
    private readonly callbacks: { signOut(problem?: string): void },
  ) {
    const form = h(
      'form',
      {
        class: 'support-composer',
        onSubmit: (event: Event) => {
          event.preventDefault();
          this.sendText(this.input.value);
        },
      },
      h('label', { for: 'support-input', class: 'visually-hidden', i18n: 'support.inputLabel' }),
      this.input,
      h('button', { type: 'submit', class: 'primary', i18n: 'support.send' }),
    );
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendText(this.input.value);
      }
    });
    // The agent sees the shopper typing only in a chat handed to a person (the server refuses it otherwise).
    this.input.addEventListener('input', () => {
      if (this.handoffState !== 'bot' && this.conversationId) this.typingSender.typed();
    });
    this.humanButton.addEventListener('click', () => this.sendText(t('support.humanRequest')));
    const toolbar = h(
      'div',
      { class: 'support-toolbar' },
      h('span', { class: 'muted' }, credential.label),
      this.humanButton,
      h('button', { type: 'button', class: 'link-button', i18n: 'signIn.signOut', onClick: () => this.callbacks.signOut() }),
    );
    this.element = h('div', { class: 'support-chat' }, toolbar, this.connection, this.messages, this.typing, form);
    this.socket = new ProtocolSocket('/support', credential, { event: (event) => this.handleEvent(event), status: (status) => this.handleStatus(status) });
    if (!this.conversationId) this.appendNote(t('support.welcome'));
  }

  focus(): void {
    focusWithoutScroll(this.input);
  }

  close(): void {
    this.socket.close();
  }

  private handleStatus(status: ConnectionStatus): void {
    this.connection.dataset.state = status.state;
    if (status.state === 'refused') {
      this.socket.close();
      forgetSupportConversation();
      this.callbacks.signOut(t('signIn.refused', { message: status.message }));
      return;
    }
    // Reconnecting is shown quietly; the chat keeps working and catches up by itself.
    this.connection.textContent = status.state === 'reconnecting' ? t('connection.reconnecting') : '';
    // resume turns typing back on if the bot is still working; a dropped connection must not leave it on.
    if (status.state !== 'connected') this.typing.hidden = true;
    if (status.state === 'connected' && this.conversationId) {
      const conversationId = this.conversationId;
      void this.socket.send({ type: 'resume', conversationId, lastSeq: this.log.lastSeq }).then((acknowledgement) => {
        if (!acknowledgement.ok && acknowledgement.code === 'conversation_not_found') {
          // A conversation of another account or one that is gone: start afresh.
          this.conversationId = null;
          this.log = new MessageLog(null);
          storeConversationId(null);
          this.unanswered.clear();
          return;
        }
        // The replay came before this acknowledgement: what is still unanswered now was really missed.
        this.resendUnanswered(conversationId);
      });
    }
  }

  /** Acknowledged messages still without a reply go out again under their own key (unacknowledged ones the socket resends itself). */
  private resendUnanswered(conversationId: string): void {
    for (const [idempotencyKey, message] of this.unanswered) {
      if (message.seq === undefined) continue;
      void this.socket.send({ type: 'message-send', conversationId, idempotencyKey, text: message.text });
    }
  }

  sendText(text: string): void {
    const message = text.trim();
    if (!message) return;
    this.typingSender.stop();
    this.input.value = '';
    this.focus();
    const idempotencyKey = newId();
    const bubble = this.appendBubble('user', message, null);
    bubble.dataset.pending = 'true';
    // While a person has the chat, replies come from them (not as answers to a seq): nothing to resend.
    if (this.handoffState === 'bot') this.unanswered.set(idempotencyKey, { text: message });
    void this.socket
      .send({ type: 'message-send', conversationId: this.conversationId ?? undefined, idempotencyKey, text: message })
      .then((acknowledgement) => {
        if (acknowledgement.ok) {
          if (acknowledgement.conversationId && acknowledgement.conversationId !== this.conversationId) {
            this.conversationId = acknowledgement.conversationId;
            this.log = new MessageLog(this.conversationId);
            storeConversationId(this.conversationId);
          }
          if (acknowledgement.seq !== undefined && !bubble.dataset.seq) {
            bubble.dataset.seq = String(acknowledgement.seq);
            delete bubble.dataset.pending;
          }
          const waiting = this.unanswered.get(idempotencyKey);
          if (waiting && acknowledgement.seq !== undefined) waiting.seq = acknowledgement.seq;
          // The reply may have arrived before the acknowledgement.
          if (acknowledgement.seq !== undefined && this.answered.has(acknowledgement.seq)) this.unanswered.delete(idempotencyKey);
        } else {
          this.unanswered.delete(idempotencyKey);
          bubble.dataset.failed = 'true';
          bubble.append(h('span', { class: 'error', role: 'alert' }, ` ${acknowledgement.message}`));
        }
      });
  }

  private answerConfirmation(confirmationId: string, confirm: boolean): Promise<boolean> {
    if (!this.conversationId) return Promise.resolve(false);
    return this.socket.send({ type: 'confirmation-answer', conversationId: this.conversationId, confirmationId, confirm }).then((acknowledgement) => acknowledgement.ok);
  }

  private handleEvent(event: ServerEvent): void {
    if ('conversationId' in event && event.conversationId && this.conversationId && event.conversationId !== this.conversationId) return;
    switch (event.type) {
      case 'typing':
        this.typing.hidden = !event.active;
        if (event.active) this.typing.querySelector('span')!.textContent = t(event.actor === 'agent' ? 'support.agentTyping' : 'support.typing');
        return;
      case 'message-start':
        // A bot reply that takes a while: the bot is typing until the turn's last message-end or its error.
        this.typing.hidden = false;
        this.typing.querySelector('span')!.textContent = t('support.typing');
        return;
      case 'text-delta': {
        const key = event.seq === undefined ? event.streamId : `seq:${event.seq}`;
        if (event.seq !== undefined && this.log.has(event.seq)) return;
        let bubble = this.streaming.get(key);
        if (!bubble) {
          bubble = this.appendBubble('assistant', '', null);
          bubble.dataset.streaming = 'true';
          this.streaming.set(key, bubble);
        }
        const text = bubble.querySelector('.bubble-text');
        if (text) text.textContent += event.delta;
        return;
      }
      case 'message-end':
        if (endsBotTyping(event)) this.typing.hidden = true;
        if (!this.conversationId) {
          this.conversationId = event.conversationId;
          this.log = new MessageLog(this.conversationId);
          storeConversationId(this.conversationId);
        }
        this.handleMessage(event.message, event.streamId);
        return;
      case 'error':
        if (endsBotTyping(event)) this.typing.hidden = true;
        this.appendNote(event.message, true);
        return;
      default:
        // table, chart, confirmation-request and handoff-start also arrive inside the message-end that follows.
        return;
    }
  }

  private handleMessage(message: WireMessage, streamId: string | undefined): void {
    if (!this.log.accept(message)) return;
    if (message.role === 'user') {
      const pending = [...this.messages.querySelectorAll<HTMLElement>('.bubble.user[data-pending]')].find((bubble) => bubble.querySelector('.bubble-text')?.textContent === message.text);
      if (pending) {
        pending.dataset.seq = String(message.seq);
        delete pending.dataset.pending;
      } else if (!this.messages.querySelector(`.bubble.user[data-seq="${message.seq}"]`)) {
        this.appendBubble('user', message.text, message.seq);
      }
      return;
    }
    if (message.role === 'system') {
      this.appendNote(message.text, false, message.seq);
      if (message.ratingRequested) {
        const prompt = this.ratingPrompt(message.conversationId, message.rating);
        this.messages.append(prompt);
        prompt.scrollIntoView({ block: 'nearest' });
      }
      if (this.handoffState === 'human') this.setHandoffState('bot');
      return;
    }
    if (message.role === 'agent') {
      this.setHandoffState('human');
      this.typing.hidden = true;
      this.appendBubble('agent', message.text, message.seq);
      return;
    }
    if (message.role !== 'assistant') return;
    if (message.replyTo !== undefined) this.markAnswered(message.replyTo);
    const streamed = this.streaming.get(`seq:${message.seq}`) ?? (streamId ? this.streaming.get(streamId) : undefined);
    this.streaming.delete(`seq:${message.seq}`);
    if (streamId) this.streaming.delete(streamId);
    const bubble = streamed ?? this.appendBubble('assistant', message.text, message.seq);
    bubble.dataset.seq = String(message.seq);
    delete bubble.dataset.streaming;
    const text = bubble.querySelector('.bubble-text');
    if (text) text.textContent = message.text;
    if (message.table && message.table.rows.length > 0) bubble.append(supportTableView(message.table));
    if (message.confirmation) {
      const { confirmationId } = message.confirmation;
      bubble.append(confirmationCard(message.confirmation, (confirm) => this.answerConfirmation(confirmationId, confirm)));
    }
    if (message.handoff) {
      this.setHandoffState(message.handoff.state);
      bubble.append(h('p', { class: 'handoff-note' }, t(message.handoff.state === 'queued' ? 'support.queued' : 'support.withHuman', { ticket: message.handoff.ticketId })));
    }
    if (message.citations?.length) {
      bubble.append(h('p', { class: 'citations muted' }, t('support.sources'), ' ', message.citations.map((citation) => citation.title).join(' · ')));
    }
    bubble.scrollIntoView({ block: 'nearest' });
  }

  /**
   * The CSAT question after an agent resolved the chat: five buttons, one rating per conversation. `given` is the
   * rating the server already holds (a reload replays the note with it): shown answered, nothing left to ask.
   */
  private ratingPrompt(conversationId: string, given: number | undefined): HTMLElement {
    const status = h('p', { class: 'muted', role: 'status' });
    const buttons = [1, 2, 3, 4, 5].map((rating) =>
      h('button', { type: 'button', class: 'secondary rating-button', 'data-rating': rating, 'aria-label': t('support.csatLabel', { rating }), onClick: () => void submit(rating) }, String(rating)),
    );
    const prompt = h('li', { class: 'note csat-prompt' }, h('p', { i18n: 'support.csatQuestion' }), h('div', { class: 'rating-buttons', role: 'group', i18nAttributes: { 'aria-label': 'support.csatQuestion' } }, buttons), status);
    const showRated = (rating: number) => {
      for (const button of buttons) button.disabled = true;
      prompt.dataset.rated = String(rating);
      status.textContent = t('support.csatThanks', { rating });
    };
    if (given !== undefined) {
      showRated(given);
      return prompt;
    }
    const submit = async (rating: number) => {
      for (const button of buttons) button.disabled = true;
      const acknowledgement = await this.socket.send({ type: 'csat-submit', conversationId, rating });
      if (acknowledgement.ok) {
        showRated(rating);
        return;
      }
      status.textContent = acknowledgement.message;
      // Already rated (say, in another tab): nothing left to ask; any other failure may be retried.
      if (acknowledgement.code !== 'conversation_state') for (const button of buttons) button.disabled = false;
    };
    return prompt;
  }

  private markAnswered(seq: number): void {
    this.answered.add(seq);
    for (const [idempotencyKey, message] of this.unanswered) if (message.seq === seq) this.unanswered.delete(idempotencyKey);
  }

  private setHandoffState(state: 'bot' | 'queued' | 'human'): void {
    this.handoffState = state;
    if (state !== 'bot') this.unanswered.clear();
    this.humanButton.hidden = state !== 'bot';
  }

  private appendBubble(role: 'user' | 'assistant' | 'agent', text: string, seq: number | null): HTMLElement {
    const author = role === 'user' ? 'support.you' : role === 'agent' ? 'support.agent' : 'support.bot';
    const bubble = h(
      'li',
      { class: `bubble ${role}`, 'data-seq': seq ?? undefined },
      h('span', { class: 'bubble-author', i18n: author }),
      h('p', { class: 'bubble-text' }, text),
    );
    this.messages.append(bubble);
    bubble.scrollIntoView({ block: 'nearest' });
    return bubble;
  }

  private appendNote(text: string, error = false, seq?: number): void {
    const note = h('li', { class: error ? 'note error' : 'note', role: error ? 'alert' : undefined, 'data-seq': seq }, text);
    this.messages.append(note);
    note.scrollIntoView({ block: 'nearest' });
  }
}
