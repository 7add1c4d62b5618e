import { CITY_NAMES_ZH, PROVINCE_NAMES_ZH } from '../../seed/geography.ts';
import type { SqlRunner } from '../sql-runner.ts';

/** English city name → its names as shoppers write them (English, Chinese, Chinese with 市). */
async function knownCities(runner: SqlRunner): Promise<Map<string, string[]>> {
  const result = await runner.query(
    `SELECT DISTINCT city FROM (SELECT shipping_city AS city FROM orders UNION ALL SELECT city FROM users) WHERE city IS NOT NULL AND length(city) > 1`,
  );
  const cities = new Map<string, string[]>();
  const add = (english: string) => {
    const chinese = CITY_NAMES_ZH[english];
    cities.set(english, [english.toLowerCase(), ...(chinese ? [`${chinese}市`, chinese] : [])]);
  };
  for (const row of result.rows) add(String(row.city));
  for (const english of Object.keys(CITY_NAMES_ZH)) add(english);
  return cities;
}

/**
 * The delivery city of a new address, as the stored English name: the explicitly given city if it is one we
 * deliver to, else the longest known city name found in the address text. null when neither works.
 */
export async function resolveDeliveryCity(runner: SqlRunner, address: string, givenCity?: string | null): Promise<string | null> {
  const cities = await knownCities(runner);
  const match = (text: string, whole: boolean): string | null => {
    const haystack = text.normalize('NFKC').toLowerCase();
    let best: { city: string; length: number } | null = null;
    for (const [english, names] of cities) {
      for (const name of names) {
        const hit = whole ? haystack.trim() === name : haystack.includes(name);
        if (hit && (!best || name.length > best.length)) best = { city: english, length: name.length };
      }
    }
    return best?.city ?? null;
  };
  if (givenCity && givenCity.trim()) return match(givenCity.replace(/市$/u, ''), true) ?? match(givenCity, false);
  return match(address, false);
}

/** A stored (English) city or province name as a Chinese reply writes it, so a zh read-back stays in Chinese. */
export function chinesePlaceName(name: string): string {
  return CITY_NAMES_ZH[name] ?? PROVINCE_NAMES_ZH[name] ?? name;
}
