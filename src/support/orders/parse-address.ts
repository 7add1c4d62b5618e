/** A delivery address split into the fields a card reads back and the order stores. */
export interface ParsedAddress {
  street: string;
  city: string | null;
  postalCode: string | null;
}

/** Chinese postal codes: six digits standing alone (not part of a phone number or a longer number). */
const POSTAL_CODE = /(?<![\d-])(\d{6})(?![\d-])/u;

/**
 * Street, city and postal code of an address as a shopper writes it, in Chinese ("浙江省杭州市西湖区文三路88号 310012")
 * or English ("88 Wensan Road, Xihu District, Hangzhou, Zhejiang 310012"). The city is resolved by the caller
 * against the cities we deliver to; the street is what remains after the administrative parts.
 */
export function parseAddress(text: string, city: string | null): ParsedAddress {
  const trimmed = text.normalize('NFKC').trim();
  const postalCode = POSTAL_CODE.exec(trimmed)?.[1] ?? null;
  const withoutCode = (postalCode ? trimmed.replace(postalCode, ' ') : trimmed).replace(/\s+/g, ' ').replace(/[,,\s]+$/u, '').trim();
  let street = withoutCode;
  if (/\p{Script=Han}/u.test(withoutCode)) {
    const afterDistrict = /(?:区|县)([^区县]+)$/u.exec(withoutCode) ?? /市([^市]+)$/u.exec(withoutCode);
    if (afterDistrict?.[1]) street = afterDistrict[1].trim();
  } else {
    // English: the parts before the first one that is only a district, city or province name.
    const parts = withoutCode.split(/\s*,\s*/);
    const kept = parts.filter((part) => /\d/.test(part) || /\b(road|street|avenue|lane|rd|st|ave|room|building|floor|unit|no\.?)\b/i.test(part));
    if (kept.length > 0) street = kept.join(', ');
  }
  return { street, city, postalCode };
}
