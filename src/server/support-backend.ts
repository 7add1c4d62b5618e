import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChatModel } from '../agent/llm/chat-model.ts';
import type { Warehouse } from '../sql/warehouse.ts';
import type { CustomerContextWire } from './protocol.ts';
import type { HandoffDesk, QueuedConversation, SupportResponder } from './support-responder.ts';

// Compiled to dist/ (npm run build) this file is .js and so are its neighbours; under tsx they are .ts.
const SOURCE_EXTENSION = import.meta.url.endsWith('.js') ? '.js' : '.ts';
const SUPPORT_AGENT_URL = new URL(`../support/support-agent${SOURCE_EXTENSION}`, import.meta.url);
const HANDOFF_URL = new URL(`../support/handoff/handoff${SOURCE_EXTENSION}`, import.meta.url);

export interface SupportBackend {
  responder?: SupportResponder;
  desk?: HandoffDesk;
  /** For the start-up log and the bench: which support agent answers. */
  description: string;
  /** Why /support is off on purpose (told to every shopper who writes), when it is. */
  unavailableReason?: string;
}

/**
 * Support writes (order cancellations, returns, address changes) change orders inside one DuckDB transaction with
 * their audit rows; ClickHouse has neither such transactions nor row updates that fit them. So on a ClickHouse
 * warehouse support runs only on a DuckDB operational store named with --operational-db (orders, conversations,
 * support actions), and without one /support says so instead of half-working (docs/clickhouse.md).
 */
export const SUPPORT_ON_CLICKHOUSE_REASON =
  'support on ClickHouse needs a DuckDB operational store for orders and support actions: start the server with --operational-db FILE (docs/clickhouse.md).';

type SupportAgentModule = {
  SupportAgent: { create(options: { warehouse: Warehouse; chatModel?: ChatModel }): Promise<SupportResponder> };
};

type HandoffModule = {
  listQueue(warehouse: Warehouse): Promise<QueuedConversation[]>;
  takeConversation(warehouse: Warehouse, conversationId: string, agentId: string): Promise<void>;
  resolveConversation(warehouse: Warehouse, conversationId: string, agentId: string): Promise<void>;
  /** Optional: re-exported by support-agent.ts, not by handoff.ts. */
  loadCustomerContext?: (warehouse: Warehouse, conversationId: string) => Promise<CustomerContextWire>;
  recordCsatRating?: (warehouse: Warehouse, input: { conversationId: string; customerId: number; rating: number }) => Promise<unknown>;
  csatRatingOf?: (warehouse: Warehouse, conversationId: string) => Promise<number | null>;
};

function isSupportAgentModule(module: unknown): module is SupportAgentModule {
  const agent = (module as { SupportAgent?: { create?: unknown } } | null)?.SupportAgent;
  return typeof agent?.create === 'function';
}

function isHandoffModule(module: unknown): module is HandoffModule {
  const candidate = module as Partial<Record<keyof HandoffModule, unknown>> | null;
  return typeof candidate?.listQueue === 'function' && typeof candidate.takeConversation === 'function' && typeof candidate.resolveConversation === 'function';
}

/**
 * The customer-service agent of src/support, loaded only if it is there: the server works (analytics,
 * auth, REST) without it, and /support then answers with error support_unavailable.
 */
export async function loadSupportBackend(warehouse: Warehouse, chatModel?: ChatModel): Promise<SupportBackend> {
  const backend: SupportBackend = { description: 'none: src/support/support-agent.ts is not installed' };
  const deskOf = (module: HandoffModule): HandoffDesk => {
    const loadContext = module.loadCustomerContext;
    const recordRating = module.recordCsatRating;
    const ratingOf = module.csatRatingOf;
    return {
      listQueue: () => module.listQueue(warehouse),
      takeConversation: (conversationId, agentId) => module.takeConversation(warehouse, conversationId, agentId),
      resolveConversation: (conversationId, agentId) => module.resolveConversation(warehouse, conversationId, agentId),
      ...(typeof loadContext === 'function' ? { customerContext: (conversationId: string) => loadContext(warehouse, conversationId) } : {}),
      ...(typeof recordRating === 'function' ? { rateConversation: async (input: { conversationId: string; customerId: number; rating: number }) => void (await recordRating(warehouse, input)) } : {}),
      ...(typeof ratingOf === 'function' ? { conversationRating: (conversationId: string) => ratingOf(warehouse, conversationId) } : {}),
    };
  };
  if (existsSync(fileURLToPath(SUPPORT_AGENT_URL))) {
    const module: unknown = await import(SUPPORT_AGENT_URL.href);
    if (isSupportAgentModule(module)) {
      backend.responder = await module.SupportAgent.create({ warehouse, chatModel });
      backend.description = chatModel ? 'SupportAgent (src/support) with LLM' : 'SupportAgent (src/support), offline';
      // support-agent.ts re-exports the hand-off functions.
      if (isHandoffModule(module)) backend.desk = deskOf(module);
    } else {
      backend.description = 'none: src/support/support-agent.ts does not export SupportAgent.create';
    }
  }
  if (!backend.desk && existsSync(fileURLToPath(HANDOFF_URL))) {
    const module: unknown = await import(HANDOFF_URL.href);
    if (isHandoffModule(module)) backend.desk = deskOf(module);
  }
  return backend;
}
