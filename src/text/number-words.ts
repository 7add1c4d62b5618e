const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

const ENGLISH_NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90,
};

/** Characters that may form a Chinese or Arabic number in a time phrase (七, 十一, 两, 30). */
export const NUMBER_CHARS = '0-9零〇一二两三四五六七八九十百';

/**
 * Parses 7, 七, 十一, 二十一, 三十, 一百二十, 两 and digit strings such as 2025 or 二〇二五; undefined when the
 * text is not a number.
 */
export function parseChineseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (trimmed.length === 0) return undefined;
  // Digit-by-digit years: 二〇二五
  if (trimmed.length >= 3 && [...trimmed].every((char) => char in CHINESE_DIGITS)) {
    return Number([...trimmed].map((char) => CHINESE_DIGITS[char]).join(''));
  }
  let total = 0;
  let current = 0;
  for (const char of trimmed) {
    if (char in CHINESE_DIGITS) {
      current = CHINESE_DIGITS[char] as number;
    } else if (char === '十') {
      total += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else if (char === '百') {
      total += (current === 0 ? 1 : current) * 100;
      current = 0;
    } else {
      return undefined;
    }
  }
  return total + current;
}

/** "seven", "7", "twenty one", "a" → 7, 7, 21, 1. */
export function parseEnglishNumber(text: string): number | undefined {
  const words = text.trim().toLowerCase().split(/[\s-]+/);
  if (words.length === 1 && /^\d+$/.test(words[0] ?? '')) return Number(words[0]);
  if (words.length === 1 && (words[0] === 'a' || words[0] === 'an')) return 1;
  let total = 0;
  for (const word of words) {
    const value = ENGLISH_NUMBERS[word];
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

/** Either language. */
export function parseNumber(text: string): number | undefined {
  return parseChineseNumber(text) ?? parseEnglishNumber(text);
}

export const ENGLISH_NUMBER_PATTERN = `\\d+|an?|${Object.keys(ENGLISH_NUMBERS).join('|')}|(?:twenty|thirty|forty|fifty|sixty|ninety)[\\s-](?:one|two|three|four|five|six|seven|eight|nine)`;
