import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSOLUTE_TIME_RULES } from './absolute-time-rules.ts';
import { EN_BEFORE_ANCHOR, EN_JOIN_START } from './anchored-offsets.ts';
import { caseless, hasCase } from './caseless-pattern.ts';
import { RELATIVE_TIME_RULES } from './relative-time-rules.ts';
import { SHORT_DATE_RULES } from './short-date-rules.ts';
import { EN_WEEK_OF, EN_WEEKDAY_AFTER, EN_WEEKDAY_BEFORE, RANGE_AHEAD } from './date-neighbours.ts';

const PATTERNS = [
  ...[...ABSOLUTE_TIME_RULES, ...SHORT_DATE_RULES, ...RELATIVE_TIME_RULES].flatMap((rule) => [
    { name: rule.name, pattern: rule.pattern },
    ...(rule.guard ? [{ name: `${rule.name} (guard)`, pattern: rule.guard }] : []),
  ]),
  { name: 'offset before an anchor', pattern: EN_BEFORE_ANCHOR.asWritten },
  { name: 'join of two offsets', pattern: EN_JOIN_START.asWritten },
  { name: 'weekday before a date', pattern: EN_WEEKDAY_BEFORE.asWritten },
  { name: 'weekday after a date', pattern: EN_WEEKDAY_AFTER.asWritten },
  { name: 'the week of a date', pattern: EN_WEEK_OF.asWritten },
  { name: 'range word after "from the week of"', pattern: RANGE_AHEAD.asWritten },
];

const global = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
/** Each pattern as written and its caseless copy, both global so that every match is found. */
const PAIRS = PATTERNS.map(({ name, pattern }) => ({ name, written: global(pattern), lower: global(caseless(pattern)) }));

/** Every match of the pattern in the text: where it starts and each group, as exec gives them one after another. */
function allMatches(pattern: RegExp, text: string): (string | number | undefined)[][] {
  const found: (string | number | undefined)[][] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push([match.index, ...match]);
    if (match[0] === '') pattern.lastIndex += 1;
  }
  return found;
}

/** Words of the patterns (as the fuzzer of time-rule-guards.test.ts), numbers, separators and festival names, lower case. */
function tokens(): string[] {
  const words = new Set<string>(['2024', '2025', '11', '1', '3', '7', '10', '12', '31', '618', ' ', '-', '/', '.', "'", '’', ',', 'of', 'the', 'in', 'q3', 'h1', 'h2']);
  for (const { pattern } of PATTERNS) {
    for (const run of pattern.source.match(/[a-z]+|[\u3007\u4e00-\u9fff]+/giu) ?? []) {
      words.add(run.toLowerCase());
      if (/[\u3007\u4e00-\u9fff]/u.test(run)) for (const character of run) words.add(character);
    }
  }
  return [...words];
}

describe('caseless time patterns', () => {
  it('have no i flag, and keep the others', () => {
    expect(EN_BEFORE_ANCHOR.lowerCase.source).toBe(caseless(EN_BEFORE_ANCHOR.asWritten).source);
    for (const { name, pattern } of PATTERNS) {
      const copy = caseless(pattern);
      expect(copy.ignoreCase, name).toBe(false);
      expect(copy.flags, name).toBe(pattern.flags.replace('i', ''));
    }
  });

  it('find what the patterns as written find, on every text without upper case', () => {
    const vocabulary = tokens();
    let matched = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.join(parts.length % 2 === 0 ? '' : ' ');
        if (hasCase(text)) return true;
        for (const { name, written, lower } of PAIRS) {
          const expected = allMatches(written, text);
          matched += expected.length > 0 ? 1 : 0;
          const actual = allMatches(lower, text);
          // Compared as text first: an expect per pattern and text made the test ten times slower.
          if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual, `${name}: ${text}`).toEqual(expected);
        }
        return true;
      }),
      { numRuns: 20_000, seed: 7 },
    );
    // Not vacuous: patterns matched thousands of the generated texts.
    expect(matched).toBeGreaterThan(5_000);
  });

  it('count the Kelvin sign and the long s as upper case: the i flag folds them onto k and s', () => {
    expect(hasCase('last 7 days')).toBe(false);
    expect(hasCase('上周的GMV')).toBe(true);
    expect(hasCase('wee\u212A')).toBe(true);
    expect(/week/iu.test('wee\u212A')).toBe(true);
    expect(hasCase('la\u017Ft week')).toBe(true);
    expect(/last/iu.test('la\u017Ft')).toBe(true);
  });
});
