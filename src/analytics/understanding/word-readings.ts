import type { ValueIndex } from '../../sql/values/value-index.ts';
import type { WordsInput, WordsReading } from './understand-question.ts';

/** Enough for every follow-up chip template in both languages, with each metric name the contribution chips use. */
const MAX_READINGS_PER_INDEX = 512;

// Per value index (a new import builds a new index, so its readings start afresh), keyed by window, language and
// question: everything the words' reading depends on.
const readingsByIndex = new WeakMap<ValueIndex, Map<string, WordsReading>>();

/**
 * The words' reading of a fixed phrasing (a follow-up chip), computed on its first use and copied out on each
 * later one: the reading is then finished against the conversation, which changes the copy, never the stored one.
 * Each answer checks up to three chips before offering them, so a full reading per chip would cost three times the
 * reading of the question itself.
 */
export function fixedPhrasingReading(input: WordsInput, read: (input: WordsInput) => WordsReading): WordsReading {
  let readings = readingsByIndex.get(input.values);
  if (!readings) {
    readings = new Map();
    readingsByIndex.set(input.values, readings);
  }
  const key = [input.window.start, input.window.asOf, input.language, input.question].join('\u0000');
  let reading = readings.get(key);
  if (!reading) {
    reading = read(input);
    if (readings.size < MAX_READINGS_PER_INDEX) readings.set(key, reading);
    else return reading;
  }
  return copyOf(reading, new Map()) as WordsReading;
}

/**
 * A deep copy of a reading's plain data (objects, arrays, sets; an object met twice is copied once, as structuredClone
 * does). structuredClone serialises and parses back, which cost a chip more than the rest of its kept reading.
 */
function copyOf(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const earlier = copies.get(value);
  if (earlier !== undefined) return earlier;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(copyOf(item, copies));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    copies.set(value, copy);
    for (const item of value) copy.add(copyOf(item, copies));
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new TypeError(`A kept reading holds a ${value.constructor.name}, which copyOf does not copy; add it there.`);
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = copyOf(item, copies);
  return copy;
}
