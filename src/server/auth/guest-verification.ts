import type { Warehouse } from '../../sql/warehouse.ts';

export interface GuestClaim {
  orderNumber: string;
  phone?: string;
  email?: string;
}

/** Digits only, without a leading +86/0086 country code, so "+86 137-0000-5400" matches "13700005400". */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a guest's claim: the order exists and the phone matches its shipping phone or its buyer's phone,
 * or the e-mail matches its buyer's e-mail. Returns the order's scope, or null for any mismatch (the
 * caller answers every mismatch the same way, so nobody learns which part was wrong).
 */
export async function verifyGuest(warehouse: Warehouse, claim: GuestClaim): Promise<{ customerId: number; orderId: number } | null> {
  const result = await warehouse.query(
    `SELECT o.order_id, o.user_id, o.shipping_phone, u.phone, u.email
       FROM orders o LEFT JOIN users u ON u.user_id = o.user_id
      WHERE o.order_no = $order_no`,
    { order_no: claim.orderNumber.trim() },
  );
  const row = result.rows[0];
  if (!row || typeof row.user_id !== 'number' || typeof row.order_id !== 'number') return null;
  const phones = [row.shipping_phone, row.phone].filter((value): value is string => typeof value === 'string' && value !== '').map(normalizePhone);
  const phoneMatches = claim.phone !== undefined && normalizePhone(claim.phone).length >= 5 && phones.includes(normalizePhone(claim.phone));
  const emailMatches = claim.email !== undefined && typeof row.email === 'string' && normalizeEmail(row.email) === normalizeEmail(claim.email);
  return phoneMatches || emailMatches ? { customerId: row.user_id, orderId: row.order_id } : null;
}
