import type { SqlRunner } from '../sql-runner.ts';
import type { SupportScope } from '../support-session.ts';
import { otherOptionsOf } from './product-options.ts';
import { lineProductIds, newestOrderIds } from './scoped-orders.ts';

/** The orders a shopper's question about their orders lists first (`list_my_orders` with the planners' limit of 5). */
const LISTED_ORDERS = 5;

/**
 * Reads into the warehouse's read cache what a shopper's turn about their orders reads: their orders, the lines of
 * the newest few and those products' other options (`list_my_orders`, `get_order_status`). Started for every shopper
 * whose message one group-commit transaction stored, all in the same tick, so a batch of shoppers costs three
 * statements instead of up to three each; their turns (which wait for one of the few bot slots, one after another)
 * then find the rows kept or join the read still running. Nothing is read that the shopper's own turn could not read:
 * the same scoped reads, for a customer only (a guest's one order is read by its turn).
 */
export async function prefetchOrderReads(runner: SqlRunner, scope: SupportScope): Promise<void> {
  if (!runner.keyedQuery || scope.kind !== 'customer') return;
  await otherOptionsOf(runner, await lineProductIds(runner, await newestOrderIds(runner, scope, LISTED_ORDERS)));
}
