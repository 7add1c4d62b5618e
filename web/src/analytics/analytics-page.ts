import type { ServerEvent, WireMessage } from '../../../src/server/protocol.ts';
import { ConversationListResponseSchema } from '../../../src/server/web/web-api-schemas.ts';
import type { Credential } from '../shared/credentials.ts';
import { focusWithoutScroll, h, replaceChildren } from '../shared/dom.ts';
import { fetchJson } from '../shared/fetch-json.ts';
import { currentLanguage, onLanguageChange, t, type MessageKey } from '../shared/i18n.ts';
import { MessageLog } from '../shared/message-log.ts';
import { newId } from '../shared/new-id.ts';
import { ProtocolSocket, type ConnectionStatus } from '../shared/protocol-socket.ts';
import { answerView } from './answer-view.ts';
import { DashboardPanel } from './dashboard-panel.ts';
import type { EditSummary } from '../../../src/server/web/workspace-api-schemas.ts';
import { WorkspaceApi } from './workspace-api.ts';
import { loadHistory, mergeHistory, saveHistory, upsertHistory, type HistoryEntry } from './conversation-history.ts';
import { PHASES, PhaseProgress } from './phase-progress.ts';

const EXAMPLES = {
  en: ['GMV by category last month', 'Conversion rate by city tier this month', 'Daily GMV in the last 30 days', 'Top 5 brands by GMV last week'],
  zh: ['上个月各品类的GMV', '本月各城市等级的转化率', '近30天每天的GMV', '上周GMV最高的前五个品牌'],
};
/** Analytics answers are acknowledged once stored, after the whole run; an LLM run can take a while. */
const ASK_TIMEOUT_MS = 180_000;

/** An assistant turn while it streams: phases, tool calls and live narrative, replaced by the answer at the end. */
interface PendingTurn {
  element: HTMLElement;
  progress: PhaseProgress;
  narrative: HTMLElement;
  streamId: string | null;
}

/**
 * The analytics chat: a sidebar of conversations (this browser's, merged with the server's list), the transcript
 * of the open conversation and the composer. Talks to /analytics; reopening a conversation replays it with
 * `resume` from seq 0, so history survives reloads and server restarts (the server keeps it in DuckDB).
 */
export class AnalyticsPage {
  private readonly socket: ProtocolSocket;
  private conversationId: string | null = null;
  private log = new MessageLog(null);
  private history: HistoryEntry[] = loadHistory();
  private pending: PendingTurn | null = null;
  private busy = false;
  private readonly disposers: (() => void)[] = [];

  private readonly historyList = h('ul', { class: 'history-list' });
  private readonly dashboardList = h('ul', { class: 'history-list dashboard-list' });
  private readonly api: WorkspaceApi;
  private readonly dashboardPanel: DashboardPanel;
  private chatSection: HTMLElement | null = null;
  private edits: { conversationId: string; edits: Promise<EditSummary[]> } | null = null;
  private readonly transcript = h('div', { class: 'transcript', id: 'transcript' });
  private readonly announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  private readonly connection = h('p', { class: 'connection', role: 'status' });
  private readonly input = h('textarea', { id: 'question', rows: 2, maxlength: 4000, i18nAttributes: { placeholder: 'analytics.placeholder' } });
  private readonly sendButton = h('button', { type: 'submit', class: 'primary', i18n: 'analytics.ask' });

  constructor(
    private readonly main: HTMLElement,
    private readonly credential: Credential,
    private readonly onSignedOut: (problem: string) => void,
  ) {
    this.api = new WorkspaceApi(credential);
    this.dashboardPanel = new DashboardPanel(this.api, () => this.showChat(), () => void this.refreshDashboards());
    this.dashboardPanel.element.hidden = true;
    this.render();
    this.socket = new ProtocolSocket('/analytics', credential, { event: (event) => this.handleEvent(event), status: (status) => this.handleStatus(status) });
    onLanguageChange(() => {
      this.renderHistory();
      if (this.log.size === 0 && !this.pending) this.renderEmptyState();
    });
    void this.refreshServerHistory();
    void this.refreshDashboards();
    // A shared dashboard link (/?dashboard=<signed token>) opens that dashboard, read-only.
    const shared = new URLSearchParams(location.search).get('dashboard');
    if (shared) this.showDashboard({ shareToken: shared });
  }

  /** The analyst's SQL edits of a conversation being replayed, fetched once per opening. */
  private editsOf(conversationId: string): Promise<EditSummary[]> {
    if (this.edits?.conversationId !== conversationId) this.edits = { conversationId, edits: this.api.edits(conversationId).then((list) => list.edits) };
    return this.edits.edits;
  }

  private showDashboard(source: { dashboardId: string } | { shareToken: string }): void {
    if (this.chatSection) this.chatSection.hidden = true;
    this.dashboardPanel.element.hidden = false;
    void this.dashboardPanel.show(source);
  }

  private showChat(): void {
    this.dashboardPanel.dispose();
    this.dashboardPanel.element.hidden = true;
    if (this.chatSection) this.chatSection.hidden = false;
    if (location.search) history.replaceState(null, '', location.pathname);
    focusWithoutScroll(this.input);
  }

  private async refreshDashboards(): Promise<void> {
    try {
      const { dashboards } = await this.api.dashboards();
      if (dashboards.length === 0) {
        replaceChildren(this.dashboardList, h('li', { class: 'muted', i18n: 'dashboard.none' }));
        return;
      }
      replaceChildren(
        this.dashboardList,
        dashboards.map((dashboard) =>
          h('li', null, h('button', { type: 'button', class: 'history-item dashboard-item-link', 'data-dashboard': dashboard.dashboardId, i18n: 'dashboard.entry', i18nParameters: { name: dashboard.name, count: dashboard.itemCount }, onClick: () => this.showDashboard({ dashboardId: dashboard.dashboardId }) })),
        ),
      );
    } catch {
      replaceChildren(this.dashboardList, h('li', { class: 'muted', i18n: 'dashboard.unavailable' }));
    }
  }

  private render(): void {
    const composer = h(
      'form',
      {
        class: 'composer',
        onSubmit: (event: Event) => {
          event.preventDefault();
          this.ask(this.input.value);
        },
      },
      h('label', { for: 'question', class: 'visually-hidden', i18n: 'analytics.questionLabel' }),
      this.input,
      this.sendButton,
    );
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter breaks the line; never while an IME is composing (Chinese input confirms with Enter).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.ask(this.input.value);
      }
    });
    const sidebar = h(
      'aside',
      { class: 'history', 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading', i18n: 'analytics.history' }),
      h('button', { type: 'button', class: 'secondary new-conversation', i18n: 'analytics.newConversation', onClick: () => this.openConversation(null) }),
      this.historyList,
      h('h2', { id: 'dashboards-heading', class: 'dashboards-heading', i18n: 'dashboard.listHeading' }),
      this.dashboardList,
    );
    const chat = h(
      'section',
      { class: 'chat', 'aria-labelledby': 'chat-heading' },
      h('h1', { id: 'chat-heading', class: 'visually-hidden', i18n: 'analytics.title' }),
      this.connection,
      this.transcript,
      composer,
      this.announcer,
    );
    this.chatSection = chat;
    replaceChildren(this.main, h('div', { class: 'analytics-layout' }, sidebar, h('div', { class: 'analytics-main' }, chat, this.dashboardPanel.element)));
    this.renderHistory();
    this.renderEmptyState();
    focusWithoutScroll(this.input);
  }

  private renderEmptyState(): void {
    const examples = EXAMPLES[currentLanguage()];
    replaceChildren(
      this.transcript,
      h(
        'div',
        { class: 'empty-state' },
        h('p', { i18n: 'analytics.empty' }),
        h('div', { class: 'suggestions', role: 'group', i18nAttributes: { 'aria-label': 'analytics.examples' } }, examples.map((example) => h('button', { type: 'button', class: 'chip', onClick: () => this.ask(example) }, example))),
      ),
    );
  }

  private renderHistory(): void {
    if (this.history.length === 0) {
      replaceChildren(this.historyList, h('li', { class: 'muted', i18n: 'analytics.noHistory' }));
      return;
    }
    replaceChildren(
      this.historyList,
      this.history.map((entry) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'history-item',
              'data-conversation': entry.conversationId,
              'aria-current': entry.conversationId === this.conversationId ? 'true' : undefined,
              title: entry.title,
              onClick: () => this.openConversation(entry.conversationId),
            },
            entry.title || t('analytics.untitled'),
          ),
        ),
      ),
    );
  }

  private async refreshServerHistory(): Promise<void> {
    try {
      const { conversations } = await fetchJson('/api/web/analytics/conversations', ConversationListResponseSchema, { credential: this.credential });
      const server = conversations.map((conversation) => ({ conversationId: conversation.conversationId, title: conversation.title ?? '', updatedAt: conversation.updatedAt }));
      this.history = mergeHistory(this.history, server);
      saveHistory(this.history);
      this.renderHistory();
    } catch {
      // A server without the list endpoint: this browser's history is all there is.
    }
  }

  private remember(conversationId: string, title: string): void {
    this.history = upsertHistory(this.history, { conversationId, title: title.slice(0, 200), updatedAt: new Date().toISOString() });
    saveHistory(this.history);
    this.renderHistory();
  }

  private handleStatus(status: ConnectionStatus): void {
    this.connection.dataset.state = status.state;
    if (status.state === 'refused') {
      this.socket.close();
      this.onSignedOut(t('signIn.refused', { message: status.message }));
      return;
    }
    this.connection.textContent = status.state === 'connected' ? '' : t(`connection.${status.state}`);
    if (status.state === 'connected' && status.reconnected && this.conversationId) {
      // Anything answered while the connection was down arrives once, after what is already on screen.
      void this.socket.send({ type: 'resume', conversationId: this.conversationId, lastSeq: this.log.lastSeq });
    }
  }

  /** Shows a conversation from the server (replayed with resume from seq 0), or a fresh empty one for null. */
  private openConversation(conversationId: string | null): void {
    if (this.busy) return;
    if (this.chatSection?.hidden) this.showChat();
    this.disposeTranscript();
    this.conversationId = conversationId;
    this.log = new MessageLog(conversationId);
    this.edits = null;
    this.pending = null;
    this.renderHistory();
    if (!conversationId) {
      this.renderEmptyState();
      focusWithoutScroll(this.input);
      return;
    }
    replaceChildren(this.transcript, h('p', { class: 'muted loading', i18n: 'analytics.loading' }));
    void this.socket.send({ type: 'resume', conversationId, lastSeq: 0 }).then((acknowledgement) => {
      if (this.conversationId !== conversationId) return;
      this.transcript.querySelector('.loading')?.remove();
      if (!acknowledgement.ok) {
        this.transcript.append(h('p', { class: 'error', role: 'alert' }, t('analytics.conversationGone', { message: acknowledgement.message })));
        this.history = this.history.filter((entry) => entry.conversationId !== conversationId);
        saveHistory(this.history);
        this.renderHistory();
      }
    });
    focusWithoutScroll(this.input);
  }

  private disposeTranscript(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.transcript.replaceChildren();
  }

  ask(text: string): void {
    const question = text.trim();
    if (!question || this.busy) return;
    if (this.log.size === 0 && !this.pending) this.disposeTranscript();
    this.input.value = '';
    focusWithoutScroll(this.input);
    void this.send(question, newId());
  }

  private async send(question: string, idempotencyKey: string): Promise<void> {
    this.setBusy(true);
    const userTurn = this.appendUserTurn(question, null);
    const pending = this.startPendingTurn();
    const startedConversation = this.conversationId;
    const acknowledgement = await this.socket.send({ type: 'message-send', conversationId: startedConversation ?? undefined, idempotencyKey, text: question }, ASK_TIMEOUT_MS);
    if (acknowledgement.ok) {
      if (acknowledgement.conversationId && this.conversationId === null) this.conversationId = acknowledgement.conversationId;
      if (acknowledgement.conversationId) this.remember(acknowledgement.conversationId, question);
    } else {
      this.failPendingTurn(pending, acknowledgement.message, () => {
        userTurn.remove();
        pending.element.remove();
        void this.send(question, idempotencyKey);
      });
    }
    this.setBusy(false);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.disabled = busy;
    this.sendButton.setAttribute('aria-busy', String(busy));
    this.main.querySelector('.new-conversation')?.toggleAttribute('disabled', busy);
  }

  private appendUserTurn(text: string, seq: number | null): HTMLElement {
    const turn = h('article', { class: 'turn user', 'data-seq': seq ?? undefined, 'aria-label': t('analytics.youAsked') }, h('p', null, text));
    this.transcript.append(turn);
    turn.scrollIntoView({ block: 'nearest' });
    return turn;
  }

  private startPendingTurn(): PendingTurn {
    const progress = new PhaseProgress(() => {
      const turn = this.pending;
      if (turn?.streamId && this.conversationId) void this.socket.send({ type: 'turn-cancel', conversationId: this.conversationId, streamId: turn.streamId });
    });
    const narrative = h('p', { class: 'narrative streaming' });
    const element = h('article', { class: 'turn assistant', 'aria-busy': 'true', 'aria-label': t('analytics.answer') }, progress.element, narrative);
    this.transcript.append(element);
    element.scrollIntoView({ block: 'nearest' });
    this.pending = { element, progress, narrative, streamId: null };
    this.announcer.textContent = t('analytics.working');
    return this.pending;
  }

  private failPendingTurn(pending: PendingTurn, message: string, retry: () => void): void {
    pending.progress.finish({ sql: false, chart: false });
    pending.element.removeAttribute('aria-busy');
    pending.element.append(h('p', { class: 'error', role: 'alert' }, message), h('button', { type: 'button', class: 'secondary', i18n: 'analytics.retry', onClick: retry }));
    if (this.pending === pending) this.pending = null;
  }

  private handleEvent(event: ServerEvent): void {
    if ('conversationId' in event && event.conversationId !== undefined && event.conversationId !== this.conversationId) {
      // A new conversation's id arrives with its first events, before the acknowledgement.
      const adopt = this.conversationId === null && this.pending !== null && event.type === 'message-start';
      if (!adopt) return;
      this.conversationId = event.conversationId;
      this.log = new MessageLog(event.conversationId);
    }
    const pending = this.pending;
    const ours = (streamId: string) => pending !== null && pending.streamId === streamId;
    switch (event.type) {
      case 'message-start':
        if (pending && pending.streamId === null) {
          pending.streamId = event.streamId;
          this.advance(pending, 'understanding');
        }
        return;
      case 'phase-change':
        if (ours(event.streamId)) this.advance(pending as PendingTurn, event.phase);
        return;
      case 'tool-call-start':
        if (ours(event.streamId)) {
          (pending as PendingTurn).progress.toolStarted(event.callId, event.toolName);
          this.announcer.textContent = t('analytics.phaseNow', { phase: t('phase.running') });
        }
        return;
      case 'tool-progress':
        if (ours(event.streamId)) (pending as PendingTurn).progress.toolProgress(event.callId, event.phase, event.percent, event.elapsedMs);
        return;
      case 'tool-result':
        if (ours(event.streamId)) (pending as PendingTurn).progress.toolFinished(event.callId, event.ok, event.elapsedMs);
        return;
      case 'text-delta':
        if (ours(event.streamId)) {
          this.advance(pending as PendingTurn, 'narrative');
          (pending as PendingTurn).narrative.textContent += event.delta;
        }
        return;
      case 'table':
      case 'chart':
        // The result arrived; its message-end (with the whole answer) follows at once.
        if (pending) this.advance(pending, 'chart');
        return;
      case 'message-end':
        this.handleMessage(event.message, event.streamId);
        return;
      case 'error':
        // A failed question is reported by its acknowledgement (with a retry); other errors only need showing.
        if (!this.busy) this.transcript.append(h('p', { class: 'error', role: 'alert' }, event.message));
        return;
      default:
        return;
    }
  }

  private advance(pending: PendingTurn, phase: string): void {
    if (pending.progress.reach(phase) && (PHASES as readonly string[]).includes(phase)) {
      this.announcer.textContent = t('analytics.phaseNow', { phase: t(`phase.${phase}` as MessageKey) });
    }
  }

  private handleMessage(message: WireMessage, streamId: string | undefined): void {
    if (!this.log.accept(message)) return;
    if (message.role === 'user') {
      const unconfirmed = [...this.transcript.querySelectorAll<HTMLElement>('.turn.user:not([data-seq])')].find((turn) => turn.textContent === message.text);
      if (unconfirmed) unconfirmed.dataset.seq = String(message.seq);
      else this.appendUserTurn(message.text, message.seq);
      if (this.conversationId && !this.history.some((entry) => entry.conversationId === this.conversationId)) this.remember(this.conversationId, message.text);
      return;
    }
    if (message.role !== 'assistant') return;
    const pending = this.pending && (this.pending.streamId === streamId || streamId === undefined) ? this.pending : null;
    const container = pending?.element ?? h('article', { class: 'turn assistant', 'aria-label': t('analytics.answer') });
    container.dataset.seq = String(message.seq);
    container.removeAttribute('aria-busy');
    const keepProgress = pending ? [pending.progress.element] : [];
    pending?.progress.finish({ sql: Boolean(message.answer?.sql), chart: Boolean(message.answer?.chart) });
    if (message.answer) {
      const reference = this.conversationId ? { conversationId: this.conversationId, seq: message.seq } : null;
      // A replayed answer (no turn in progress) may have been edited before.
      const edits = this.conversationId && !pending ? this.editsOf(this.conversationId) : undefined;
      const view = answerView(message.answer, { ask: (question) => this.ask(question), reference, api: this.api, onPinned: () => void this.refreshDashboards(), edits });
      this.disposers.push(view.dispose);
      container.replaceChildren(...keepProgress, view.element);
      this.announcer.textContent = message.answer.answer;
    } else {
      container.replaceChildren(...keepProgress, h('p', { class: 'narrative' }, message.text));
      this.announcer.textContent = message.text;
    }
    if (!pending) this.transcript.append(container);
    if (pending) this.pending = null;
    if (this.conversationId) this.remember(this.conversationId, '');
  }
}
