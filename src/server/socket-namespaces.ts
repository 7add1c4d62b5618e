import type { Server } from 'socket.io';
import type { AnalyticsChat } from './analytics-chat.ts';
import type { AgentsChat } from './agents-chat.ts';
import type { AuthenticationSettings } from './auth/authenticate.ts';
import { principalOf, requireRoles } from './auth/socket-authentication.ts';
import { principalKey } from './auth/tokens.ts';
import type { ChatHub } from './chat-hub.ts';
import { bindClientEvents } from './client-events.ts';
import { rateConversation } from './rate-conversation.ts';
import type { SupportChat } from './support-chat.ts';
import type { HandoffDesk } from './support-responder.ts';
import type { TypingSignals } from './typing-signals.ts';
import { runAsQueryUser } from '../sql/guard/index.ts';

/**
 * /analytics (analyst tokens or the API key), /support (customer tokens and guest order tokens),
 * /agents (agent tokens). Identity comes from the handshake's verified credential only.
 */
export function registerNamespaces(
  io: Server,
  hub: ChatHub,
  services: { analytics: AnalyticsChat; support: SupportChat; agents: AgentsChat; desk: HandoffDesk | undefined; typing: TypingSignals },
  authentication: AuthenticationSettings,
): void {
  const analytics = io.of('/analytics');
  requireRoles(analytics, ['analyst'], authentication);
  analytics.on('connection', (socket) => {
    const principal = principalOf(socket);
    hub.logger.debug({ namespace: '/analytics', principal: principalKey(principal) }, 'socket connected');
    bindClientEvents(hub, socket, '/analytics', principal, {
      // Guarded queries of one analyst share that analyst's concurrency slot (query-gate.ts).
      'message-send': (event) => runAsQueryUser(principalKey(principal), () => services.analytics.sendMessage(socket, principal, event)),
      resume: (event) => hub.resume(socket, principal, event.conversationId, event.lastSeq),
      'turn-cancel': (event) => services.analytics.cancelTurn(principal, event),
    });
  });

  const support = io.of('/support');
  requireRoles(support, ['customer', 'guest'], { ...authentication, apiKey: undefined });
  support.on('connection', (socket) => {
    const principal = principalOf(socket);
    hub.logger.debug({ namespace: '/support', principal: principalKey(principal) }, 'socket connected');
    bindClientEvents(hub, socket, '/support', principal, {
      'message-send': (event) => services.support.sendMessage(socket, principal, event),
      'confirmation-answer': (event) => services.support.answerConfirmation(socket, principal, event),
      resume: (event) => services.support.resume(socket, principal, event),
      'csat-submit': (event) => rateConversation(hub, services.desk, principal, event),
      'typing-signal': (event) => services.typing.signal(principal, event),
    });
  });

  const agents = io.of('/agents');
  requireRoles(agents, ['agent'], { ...authentication, apiKey: undefined });
  agents.on('connection', (socket) => {
    const principal = principalOf(socket);
    hub.logger.debug({ namespace: '/agents', principal: principalKey(principal) }, 'socket connected');
    void socket.join('agents');
    bindClientEvents(hub, socket, '/agents', principal, {
      'queue-list': () => services.agents.listQueue(socket),
      'conversation-take': (event) => services.agents.take(socket, principal, event.conversationId),
      'agent-reply': (event) => services.agents.reply(socket, principal, event),
      'conversation-resolve': (event) => services.agents.resolve(principal, event.conversationId),
      resume: (event) => services.agents.resume(socket, principal, event.conversationId, event.lastSeq),
      'typing-signal': (event) => services.typing.signal(principal, event),
    });
  });
}
