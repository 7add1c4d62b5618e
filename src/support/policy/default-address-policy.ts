import { MAX_ADDRESS_LENGTH, MIN_ADDRESS_LENGTH } from './address-change-policy.ts';
import { allow, deny, POLICY_SECTIONS, type PolicyDecision } from './policy-decision.ts';

const SECTION = POLICY_SECTIONS.defaultAddress;

/**
 * P10: the account's default address can be set by the signed-in shopper (not by a guest verified for one order),
 * and must be complete: a street with a house number and a city we deliver to, like an order's new address (P5).
 */
export function checkDefaultAddress(input: { guest: boolean; address: string; city: string | null; street: string }): PolicyDecision {
  if (input.guest) {
    return deny(SECTION, 'guest_session', {
      en: 'You are signed in for one order only, so the account\'s default address cannot be changed here. Please sign in to your account.',
      zh: '您当前只验证了一个订单,无法修改账户的默认地址。请登录账户后再修改。',
    });
  }
  const address = input.address.trim();
  if (address.length < MIN_ADDRESS_LENGTH || address.length > MAX_ADDRESS_LENGTH || !/\d/.test(input.street)) {
    return deny(SECTION, 'incomplete_address', {
      en: 'Please give the full address with the street and house number, e.g. "88 Wensan Road, Hangzhou 310012".',
      zh: '请提供包含街道和门牌号的完整地址,例如“杭州市西湖区文三路88号 310012”。',
    });
  }
  if (!input.city) {
    return deny(SECTION, 'unknown_city', {
      en: 'The address must name a city we deliver to, e.g. "100 Century Avenue, Pudong, Shanghai 200120".',
      zh: '地址中需要写明我们配送的城市,例如“上海市浦东新区世纪大道100号”。',
    });
  }
  return allow(SECTION, 'complete_address', { en: 'The address is complete.', zh: '地址完整。' });
}
