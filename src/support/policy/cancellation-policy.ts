import { allow, deny, POLICY_SECTIONS, type PolicyDecision } from './policy-decision.ts';
import type { PolicyOrder } from './order-facts.ts';

const SECTION = POLICY_SECTIONS.cancellation;

/** P1: an order can be cancelled only before it ships (pending or paid). */
export function checkCancellation(order: Pick<PolicyOrder, 'status'>): PolicyDecision {
  switch (order.status) {
    case 'pending':
    case 'paid':
      return allow(SECTION, 'not_shipped', { en: 'The order has not shipped yet, so it can be cancelled.', zh: '订单尚未发货,可以取消。' });
    case 'shipped':
      return deny(SECTION, 'already_shipped', {
        en: 'The order has already shipped, so it can no longer be cancelled. Once it is delivered you can ask for a return (7 days from delivery).',
        zh: '订单已经发货,无法取消。签收后可以申请退货(签收后 7 天内)。',
      });
    case 'delivered':
      return deny(SECTION, 'already_delivered', {
        en: 'The order has already been delivered, so it cannot be cancelled. You can ask for a return instead (7 days from delivery).',
        zh: '订单已经签收,无法取消。可以改为申请退货(签收后 7 天内)。',
      });
    case 'cancelled':
      return deny(SECTION, 'already_cancelled', { en: 'The order is already cancelled.', zh: '该订单已经取消。' });
    case 'returned':
      return deny(SECTION, 'already_returned', { en: 'The order has already been returned, so there is nothing to cancel.', zh: '该订单已经退货,无需取消。' });
  }
}
