const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses small Chinese numerals (一 … 九十九, 两) or Arabic digits; undefined when it is neither. */
export function parseSmallNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  const tens = text.match(/^([一二三四五六七八九两]?)十([一二三四五六七八九]?)$/u);
  if (tens) return (tens[1] ? (DIGITS[tens[1]] ?? 1) : 1) * 10 + (tens[2] ? (DIGITS[tens[2]] ?? 0) : 0);
  if (text.length === 1 && text in DIGITS) return DIGITS[text];
  return undefined;
}
