/**
 * Understanding rules are data: each record names what it means, its patterns in both languages, and
 * examples that must and must not match. One generated test (`rules.test.ts`) runs every record's examples,
 * so a pattern that starts matching too much, or stops matching what it was written for, fails at once.
 */
export interface PhraseRule<Meaning> {
  id: string;
  meaning: Meaning;
  /**
   * Regular-expression sources in lower case, matched on the normalized (lower-cased) question. They are compiled
   * without the i flag, which made each first match cost about twice as much to compile for nothing.
   */
  zh: string[];
  en: string[];
  examples: { match: string[]; noMatch: string[] };
}

/** A named list of rules, registered for the generated test. */
export interface RuleSet<Meaning> {
  name: string;
  rules: readonly PhraseRule<Meaning>[];
  /** How the set matches its rules against a question; the test uses exactly this. */
  matches: (rule: PhraseRule<Meaning>, normalizedText: string) => boolean;
}

const compiled = new WeakMap<PhraseRule<unknown>, RegExp>();

/** English alternatives sit on word boundaries; Chinese ones match anywhere. The text is lower case already. */
export function ruleExpression(rule: PhraseRule<unknown>): RegExp {
  let expression = compiled.get(rule);
  if (!expression) {
    const alternatives = rule.zh.map((source) => `(?:${source})`);
    // One pair of word-boundary checks around all English alternatives: the same matches, tried in the same order,
    // in a pattern about half as long to compile.
    if (rule.en.length > 0) alternatives.push(`(?<![a-z0-9])(?:${rule.en.map((source) => `(?:${source})`).join('|')})(?![a-z0-9])`);
    expression = new RegExp(alternatives.join('|'));
    compiled.set(rule, expression);
  }
  return expression;
}

export function ruleMatches(rule: PhraseRule<unknown>, normalizedText: string): boolean {
  return ruleExpression(rule).test(normalizedText);
}

/** The first rule of the list whose patterns match, in list order (lists are ordered by precedence). */
export function firstMatchingRule<Meaning>(rules: readonly PhraseRule<Meaning>[], normalizedText: string): PhraseRule<Meaning> | undefined {
  return rules.find((rule) => ruleMatches(rule, normalizedText));
}
