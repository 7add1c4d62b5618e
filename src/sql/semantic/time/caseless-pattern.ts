/**
 * Time rules are written with the i flag so that any text reads ("Q3", "Nov 11", "Black Friday"), but the
 * understanding hands them lower-case text, and with the i and u flags together V8 compiles a pattern about two and
 * a half times as slowly (the month-name date rule: ≈0.38 → ≈0.14 ms at its first use, ≈0.13 → ≈0.08 ms at its
 * second, when it is compiled to machine code). Each rule is a first use for a process the first time a question
 * names that kind of period, so text without upper case runs a lower-case copy of each pattern without the flag.
 */

/**
 * Characters that the i and u flags fold onto a letter of the text's own case: A–Z, and the Kelvin sign and long s,
 * which fold onto k and s. Text without them matches a lower-case pattern without the i flag exactly as it matches
 * the pattern with it (`caseless-pattern.test.ts` compares both on every time rule).
 */
const CASED = /[A-Z\u212A\u017F]/;

export function hasCase(text: string): boolean {
  return CASED.test(text);
}

/** The pattern's letters in lower case, escapes (\D, \S, \p{…}) untouched. */
function lowerCaseSource(source: string): string {
  return source.replace(/\\[pPu]\{[^}]*\}|\\[\s\S]|[A-Z]/g, (found) => (found.length === 1 ? found.toLowerCase() : found));
}

/** The same pattern for lower-case text only: lower-case letters, no i flag (the pattern itself when it has none). */
export function caseless(pattern: RegExp): RegExp {
  return pattern.ignoreCase ? new RegExp(lowerCaseSource(pattern.source), pattern.flags.replace('i', '')) : pattern;
}

/** A pattern as written, and its copy for text without upper case. */
export interface CaseForms {
  asWritten: RegExp;
  lowerCase: RegExp;
}

export function caseForms(pattern: RegExp): CaseForms {
  return { asWritten: pattern, lowerCase: caseless(pattern) };
}
