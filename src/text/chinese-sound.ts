import { readFileSync } from 'node:fs';
import { z } from 'zod';

const SYLLABLE = /^[a-zü]+$/;

/**
 * Syllable → characters, checked in one loop: z.record checked the 437 entries one schema call at a time, ≈1.8 ms of the
 * first homophone check in a process (a question's first reading), against ≈0.1 ms for the same checks here.
 */
const readingsSchema = z.custom<Record<string, string>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.entries(value).every(([syllable, characters]) => SYLLABLE.test(syllable) && typeof characters === 'string' && characters.length > 0),
  { message: 'readings map each syllable (a–z, ü) to a non-empty string of characters' },
);
const readingsTableSchema = z.object({ source: z.string(), readings: readingsSchema });

let syllables: [syllable: string, characters: string][] | undefined;

function loadedReadings(): [syllable: string, characters: string][] {
  return Object.entries(readingsTableSchema.parse(JSON.parse(readFileSync(new URL('./chinese-readings.json', import.meta.url), 'utf8')), { jitless: true }).readings);
}

/**
 * Loads the table now (≈1 ms) rather than inside the first reading of a question with a word one character off a
 * catalogue word (哪个 next to 哪天, common in Chinese questions): the analytics agent calls it once when it is created.
 */
export function loadChineseReadings(): void {
  syllables ??= loadedReadings();
}
const LONE_SURROGATE = /^[\uD800-\uDFFF]$/;

/**
 * Every toneless reading of a character (polyphones have several), from pinyin-pro's dictionary written out once by
 * scripts/generate-chinese-readings.mjs: loading pinyin-pro itself took ≈100 ms plus ≈25 ms for its first call, paid
 * by the first question with a word one character away from a catalogue word ("哪个" next to 哪天); the table loads
 * in about a millisecond and a lookup scans its ~440 syllables. chinese-sound.test.ts checks it against pinyin-pro.
 */
export function readingsOf(character: string): string[] {
  syllables ??= loadedReadings();
  // Half of a surrogate pair would otherwise be found inside a rare character of the table.
  if (LONE_SURROGATE.test(character)) return [];
  return syllables.filter(([, characters]) => characters.includes(character)).map(([syllable]) => syllable);
}

/**
 * A syllable with the distinctions many speakers (and their pinyin input) blur folded away: zh/ch/sh → z/c/s,
 * n/l at the start, and -ng → -n at the end. 城/成 (cheng), 够/购 (gou), 存/纯 (cun/chun) and 品/平 (pin/ping)
 * then sound alike; 换/化 (huan/hua) do not.
 */
function foldSyllable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/ng$/, 'n');
}

const readings = new Map<string, Set<string>>();

function foldedReadings(character: string): Set<string> {
  let folded = readings.get(character);
  if (!folded) {
    folded = new Set(readingsOf(character).map(foldSyllable));
    readings.set(character, folded);
  }
  return folded;
}

/** True when two Chinese characters can be read alike: the usual cause of a wrong character typed by pinyin. */
export function soundAlike(left: string, right: string): boolean {
  if (left === right) return true;
  const leftReadings = foldedReadings(left);
  for (const reading of foldedReadings(right)) if (leftReadings.has(reading)) return true;
  return false;
}
