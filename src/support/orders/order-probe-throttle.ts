import type { AnyTool } from '../../agent/tool.ts';
import type { SupportClock } from '../support-clock.ts';
import type { SupportScope } from '../support-session.ts';

/**
 * How many order numbers that are not the shopper's (another customer's, or none at all) one identity may look up.
 * A few misses are typos; a stream of them is someone walking through other shoppers' order numbers.
 */
export interface OrderProbeLimits {
  /** Distinct missed order numbers within the window answered at full speed. */
  freeMisses: number;
  /** From this many distinct misses on, order-number look-ups are refused until the oldest miss leaves the window. */
  refuseAt: number;
  windowSeconds: number;
  /** The wait after the first miss past freeMisses; it doubles with each further miss. */
  firstCooldownSeconds: number;
}

export const DEFAULT_ORDER_PROBE_LIMITS: OrderProbeLimits = { freeMisses: 5, refuseAt: 10, windowSeconds: 30 * 60, firstCooldownSeconds: 5 };

export type OrderProbeVerdict = { kind: 'allowed' } | { kind: 'cooldown'; waitSeconds: number } | { kind: 'refused'; waitSeconds: number };

/** Identities kept at most; the oldest are dropped first (a miss older than the window counts for nothing anyway). */
const MAX_IDENTITIES = 50_000;

/** The identity misses are counted for: the account, or the one verified order a guest holds. */
function identityOf(scope: SupportScope): string {
  return scope.kind === 'guest-order' ? `guest:${scope.customerId}:${scope.orderId}` : `customer:${scope.customerId}`;
}

/**
 * Throttles cross-customer order-number probing per identity (across all of its conversations): after
 * `freeMisses` distinct not-found order numbers in the window, each further look-up must wait a doubling cooldown,
 * and from `refuseAt` on look-ups are refused. The answers themselves never differ between "another customer's
 * order" and "no such order"; only the pace is limited.
 */
export class OrderProbeThrottle {
  /** identity → order number → when it was last missed (ms). Insertion order = least recently active first. */
  private readonly misses = new Map<string, Map<string, number>>();

  constructor(
    private readonly clock: SupportClock,
    private readonly limits: OrderProbeLimits = DEFAULT_ORDER_PROBE_LIMITS,
  ) {}

  recordMiss(scope: SupportScope, orderNo: string): void {
    const identity = identityOf(scope);
    const missed = this.current(identity) ?? new Map<string, number>();
    missed.delete(orderNo);
    missed.set(orderNo, this.clock.now().getTime());
    this.misses.delete(identity);
    this.misses.set(identity, missed);
    while (this.misses.size > MAX_IDENTITIES) this.misses.delete(this.misses.keys().next().value as string);
  }

  verdict(scope: SupportScope): OrderProbeVerdict {
    const missed = this.current(identityOf(scope));
    const count = missed?.size ?? 0;
    if (!missed || count < this.limits.freeMisses) return { kind: 'allowed' };
    const now = this.clock.now().getTime();
    const times = [...missed.values()];
    if (count >= this.limits.refuseAt) {
      // Refused until enough misses leave the window to bring the count under refuseAt again.
      const sorted = times.sort((left, right) => left - right);
      const leaving = sorted[count - this.limits.refuseAt] as number;
      return { kind: 'refused', waitSeconds: Math.max(1, Math.ceil((leaving + this.limits.windowSeconds * 1000 - now) / 1000)) };
    }
    const cooldownMs = this.limits.firstCooldownSeconds * 1000 * 2 ** (count - this.limits.freeMisses);
    const wait = Math.max(...times) + cooldownMs - now;
    return wait > 0 ? { kind: 'cooldown', waitSeconds: Math.ceil(wait / 1000) } : { kind: 'allowed' };
  }

  /** The identity's misses still inside the window (older ones dropped). */
  private current(identity: string): Map<string, number> | undefined {
    const missed = this.misses.get(identity);
    if (!missed) return undefined;
    const oldest = this.clock.now().getTime() - this.limits.windowSeconds * 1000;
    for (const [orderNo, at] of missed) if (at < oldest) missed.delete(orderNo);
    if (missed.size === 0) {
      this.misses.delete(identity);
      return undefined;
    }
    return missed;
  }

  /**
   * The tools with every not-found order-number result counted as a miss of `scope` as soon as the tool returns
   * (so the several look-ups of one turn count too). Results say not_found the same way in every order tool.
   */
  counting(tools: readonly AnyTool[], scope: SupportScope): AnyTool[] {
    return tools.map((tool): AnyTool => ({
      ...tool,
      execute: async (argumentsValue, context) => {
        const result = await tool.execute(argumentsValue, context);
        const notFound = result as { status?: unknown; order_no?: unknown } | null;
        if (notFound && notFound.status === 'not_found' && typeof notFound.order_no === 'string') this.recordMiss(scope, notFound.order_no);
        return result;
      },
    }));
  }
}
