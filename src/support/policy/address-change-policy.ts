import { allow, deny, POLICY_SECTIONS, type PolicyDecision } from './policy-decision.ts';
import type { PolicyOrder } from './order-facts.ts';

const SECTION = POLICY_SECTIONS.addressChange;
export const MIN_ADDRESS_LENGTH = 8;
export const MAX_ADDRESS_LENGTH = 200;

/** Whether the order's address can still be changed at all (before a new address is given). */
export function checkAddressChangeWindow(order: Pick<PolicyOrder, 'status'>): PolicyDecision {
  const { status } = order;
  if (status === 'shipped' || status === 'delivered') {
    return deny(SECTION, 'already_shipped', {
      en: 'The order has already shipped, so its address can no longer be changed here; a human agent can contact the carrier.',
      zh: '订单已经发货,无法在这里修改地址;可以转人工客服联系承运商。',
    });
  }
  if (status === 'cancelled' || status === 'returned') {
    return deny(SECTION, `order_${status}`, { en: `The order is ${status}, so there is nothing to deliver.`, zh: status === 'cancelled' ? '该订单已取消,无需配送。' : '该订单已退货,无需配送。' });
  }
  return allow(SECTION, 'not_shipped', { en: 'The order has not shipped yet, so the address can be changed.', zh: '订单尚未发货,可以修改地址。' });
}

/** P5: only before shipping, and the new address must be complete and name a city we deliver to. */
export function checkAddressChange(input: { order: Pick<PolicyOrder, 'status'>; address: string; city: string | null; street?: string }): PolicyDecision {
  const window = checkAddressChangeWindow(input.order);
  if (!window.allowed) return window;
  const address = input.address.trim();
  if (address.length < MIN_ADDRESS_LENGTH || address.length > MAX_ADDRESS_LENGTH) {
    return deny(SECTION, 'incomplete_address', {
      en: `Please give the full address (street, building, city), between ${MIN_ADDRESS_LENGTH} and ${MAX_ADDRESS_LENGTH} characters.`,
      zh: `请提供完整地址(城市、区、街道和门牌号),长度在 ${MIN_ADDRESS_LENGTH} 到 ${MAX_ADDRESS_LENGTH} 个字符之间。`,
    });
  }
  // A city alone is not an address: the street part needs a house number ("88号", "No. 9", "100 Century Avenue").
  if (input.street !== undefined && !/\d/.test(input.street)) {
    return deny(SECTION, 'incomplete_address', {
      en: 'Please give the full address with the street and house number, e.g. "88 Wensan Road, Hangzhou 310012".',
      zh: '请提供包含街道和门牌号的完整地址,例如“杭州市西湖区文三路88号”。',
    });
  }
  if (!input.city) {
    return deny(SECTION, 'unknown_city', {
      en: 'The address must name a city we deliver to, e.g. "Shanghai, Pudong, Century Avenue 100".',
      zh: '地址中需要写明我们配送的城市,例如“上海市浦东新区世纪大道100号”。',
    });
  }
  return allow(SECTION, 'not_shipped', { en: 'The order has not shipped yet, so the address can be changed.', zh: '订单尚未发货,可以修改地址。' });
}
