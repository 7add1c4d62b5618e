import type { ToolContext } from '../agent/tool-context.ts';
import type { SelectEncoder } from '../models/recommendations/recommender-store.ts';
import { systemClock, type SupportClock } from './support-clock.ts';
import { SupportError } from './support-error.ts';
import type { SupportScope } from './support-session.ts';

export const DEFAULT_CONFIRMATION_TTL_SECONDS = 10 * 60;

/** What support tools need beyond the generic ToolContext; SupportAgent fills it from the session. */
export interface SupportRuntime {
  scope: SupportScope;
  clock: SupportClock;
  /** The date the policy counts days to (YYYY-MM-DD): the data's latest date unless injected. */
  policyDate: string;
  confirmationTtlSeconds: number;
  /** The planner running the turn, recorded in support_events. */
  planner: string;
  selectEncoder?: SelectEncoder;
  /** ISO 4217 code of the shop's amounts (warehouse shop settings); null when none is recorded. */
  currency: string | null;
}

export interface SupportToolContext extends ToolContext {
  support: SupportRuntime;
}

/**
 * The support runtime of a tool call. Identity is the session's customerId (ToolContext.customerId), never a
 * tool argument; a context whose support scope disagrees with it is refused rather than guessed at.
 */
export function supportRuntimeOf(context: ToolContext): SupportRuntime {
  const support = (context as Partial<SupportToolContext>).support;
  if (context.customerId === undefined) {
    throw new SupportError('Support tools need a signed-in shopper: ToolContext.customerId is missing. Run them through SupportAgent with a session.', { kind: 'missing_identity' });
  }
  if (support) {
    if (support.scope.customerId !== context.customerId) {
      throw new SupportError('The support scope and ToolContext.customerId disagree; refusing to guess who the shopper is.', { kind: 'missing_identity' });
    }
    return support;
  }
  return {
    scope: { kind: 'customer', customerId: context.customerId },
    clock: systemClock,
    policyDate: context.asOf,
    confirmationTtlSeconds: DEFAULT_CONFIRMATION_TTL_SECONDS,
    planner: 'unknown',
    // Outside SupportAgent nobody read the shop settings: amounts are written without a symbol rather than guessed.
    currency: null,
  };
}
