import { CITIES } from '../../seed/geography.ts';
import type { OrderRecord } from '../orders/order-record.ts';
import { parseAddress } from '../orders/parse-address.ts';
import { chinesePlaceName, resolveDeliveryCity } from '../orders/resolve-city.ts';
import { checkDefaultAddress } from '../policy/default-address-policy.ts';
import type { BilingualText, PolicyDecision } from '../policy/policy-decision.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { timestampText } from '../support-clock.ts';
import type { SupportScope } from '../support-session.ts';

/** A saved address as the shopper sees it. */
export interface SavedAddress {
  street: string;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  country: string | null;
  full_address: string | null;
}

/** An address split into the customer_addresses fields. */
export interface AddressFields {
  street: string;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  country: string | null;
  fullAddress: string;
}

/** The session shopper's default address; undefined when none is saved. */
export async function loadDefaultAddress(runner: SqlRunner, customerId: number): Promise<SavedAddress | undefined> {
  const { rows } = await runner.query(
    `SELECT street, city, province, postal_code, country, full_address FROM customer_addresses WHERE user_id = $user AND is_default ORDER BY address_id DESC LIMIT 1`,
    { user: customerId },
  );
  const row = rows[0];
  if (!row) return undefined;
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return { street: String(row.street), city: text(row.city), province: text(row.province), postal_code: text(row.postal_code), country: text(row.country), full_address: text(row.full_address) };
}

/** Street, city (the stored English name), province and postal code of an address as the shopper wrote it. */
export async function addressFields(runner: SqlRunner, address: string): Promise<AddressFields> {
  const city = await resolveDeliveryCity(runner, address);
  const parsed = parseAddress(address, city);
  const known = CITIES.find((candidate) => candidate.name === city);
  return { street: parsed.street, city, province: known?.province ?? null, postalCode: parsed.postalCode, country: known ? 'China' : null, fullAddress: address.trim() };
}

/** The fields read back on the card, in the shopper's language. */
export function addressReadBack(fields: Pick<AddressFields, 'street' | 'city' | 'province' | 'postalCode'>): BilingualText {
  return {
    en: `street: ${fields.street}; city: ${fields.city ?? 'not recognised'}; province: ${fields.province ?? 'not given'}; postal code: ${fields.postalCode ?? 'not given'}`,
    zh: `街道:${fields.street};城市:${fields.city ? chinesePlaceName(fields.city) : '未识别'};省份:${fields.province ? chinesePlaceName(fields.province) : '未提供'};邮编:${fields.postalCode ?? '未提供'}`,
  };
}

export interface DefaultAddressEvaluation {
  decision: PolicyDecision;
  fields: AddressFields;
  summary: BilingualText;
}

/** P10 on an address the shopper typed, or the delivery address of one of their orders (found in scope by the caller). */
export async function evaluateDefaultAddress(runner: SqlRunner, scope: SupportScope, input: { address: string; fromOrder?: OrderRecord }): Promise<DefaultAddressEvaluation> {
  const fields = await addressFields(runner, input.address);
  const decision = checkDefaultAddress({ guest: scope.kind === 'guest-order', address: input.address, city: fields.city, street: fields.street });
  const source = input.fromOrder ? { en: ` (the address of order ${input.fromOrder.order_no})`, zh: `(订单 ${input.fromOrder.order_no} 的地址)` } : { en: '', zh: '' };
  const readBack = addressReadBack(fields);
  return {
    decision, fields,
    summary: {
      en: `Set your default address to: ${fields.fullAddress}${source.en} (${readBack.en}). Orders already placed keep their own address.`,
      zh: `将您的默认收货地址设为:${fields.fullAddress}${source.zh}(${readBack.zh})。已下单的订单地址不变。`,
    },
  };
}

/**
 * Makes the address the shopper's only default, in the caller's transaction: an identical saved address is reused,
 * otherwise a new row is added (recipient and phone carried over from the previous default).
 */
export async function applyDefaultAddress(runner: SqlRunner, customerId: number, fields: AddressFields, now: Date): Promise<{ addressId: number; previous: string | null }> {
  const at = timestampText(now);
  const previous = await loadDefaultAddress(runner, customerId);
  const existing = await runner.query(`SELECT address_id FROM customer_addresses WHERE user_id = $user AND full_address = $full ORDER BY address_id LIMIT 1`, { user: customerId, full: fields.fullAddress });
  await runner.run(`UPDATE customer_addresses SET is_default = false, updated_at = $at::TIMESTAMP WHERE user_id = $user AND is_default`, { user: customerId, at });
  let addressId = Number(existing.rows[0]?.address_id ?? 0);
  if (existing.rows[0]) {
    await runner.run(
      `UPDATE customer_addresses SET is_default = true, street = $street, city = $city, province = $province, postal_code = $postal, country = $country, updated_at = $at::TIMESTAMP WHERE address_id = $id`,
      { id: addressId, street: fields.street, city: fields.city, province: fields.province, postal: fields.postalCode, country: fields.country, at },
    );
  } else {
    const { rows } = await runner.query(
      `INSERT INTO customer_addresses (address_id, user_id, recipient, phone, street, city, province, postal_code, country, full_address, is_default, created_at, updated_at)
       SELECT coalesce((SELECT max(address_id) FROM customer_addresses), 0) + 1, $user,
         (SELECT recipient FROM customer_addresses WHERE user_id = $user ORDER BY updated_at DESC NULLS LAST LIMIT 1),
         (SELECT phone FROM customer_addresses WHERE user_id = $user ORDER BY updated_at DESC NULLS LAST LIMIT 1),
         $street, $city, $province, $postal, $country, $full, true, $at::TIMESTAMP, $at::TIMESTAMP
       RETURNING address_id`,
      { user: customerId, street: fields.street, city: fields.city, province: fields.province, postal: fields.postalCode, country: fields.country, full: fields.fullAddress, at },
    );
    addressId = Number(rows[0]?.address_id);
  }
  return { addressId, previous: previous?.full_address ?? previous?.street ?? null };
}
