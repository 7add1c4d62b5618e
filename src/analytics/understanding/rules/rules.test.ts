import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../../text/normalize-question.ts';
import { ABBREVIATION_RULE_SET } from './abbreviation-rules.ts';
import { CHANGE_DRIVER_RULE_SET } from './change-driver-rules.ts';
import { PURCHASED_ITEMS_RULE_SET } from './purchased-items-rules.ts';
import { AVERAGE_PER_PERIOD_RULE_SET } from './average-rules.ts';
import { REST_CONTRAST_RULE_SET } from './rest-contrast-rules.ts';
import { GROUPING_SLOT_RULE_SET } from './grouping-slot-rules.ts';
import { EVALUATIVE_RANKING_RULE_SET } from './evaluative-ranking-rules.ts';
import { COMPARATIVE_RULE_SET } from './comparative-rules.ts';
import { PLACE_RULE_SET } from './place-rules.ts';
import { UNITS_SOLD_RULE_SET } from './quantity-rules.ts';
import { SUBSET_WORD_RULE_SET } from './subset-word-rules.ts';
import { FUNNEL_RULE_SET } from './funnel-rules.ts';
import { RANK_POSITION_RULE_SET } from './rank-position-rules.ts';
import { DISTINCT_COUNT_RULE_SET } from './distinct-count-rules.ts';
import { PER_GROUP_RULE_SET } from './per-group-rules.ts';
import { BASELINE_COMPARISON_RULE_SET, PERIOD_COMPARISON_RULE_SET, PERIOD_UNIT_COMPARISON_RULE_SET } from './comparison-rules.ts';
import { GRAIN_QUESTION_RULE_SET } from './grain-rules.ts';
import { COHORT_GRAIN_RULE_SET, RETENTION_KIND_RULE_SET, RETENTION_WORD_RULE_SET } from './retention-rules.ts';
import type { RuleSet } from './phrase-rule.ts';
import { NUMERIC_FILTER_RULE_SET } from './numeric-filter-rules.ts';
import { CONTRIBUTED_AMOUNT_RULE_SET } from './contributed-amount-rules.ts';
import { ASSERTED_CHANGE_RULE_SET } from './asserted-change-rules.ts';
import { SEARCH_TERM_RULE_SET } from './search-term-rules.ts';
import { MODEL_CONCEPT_RULE_SET } from './model-intent-rules.ts';
import { PER_UNIT_DENOMINATOR_RULE_SET, PER_UNIT_RULE_SET } from './per-unit-rules.ts';
import { RANKING_SUBJECT_RULE_SET } from './ranking-subject-rules.ts';
import { SHARE_OF_TOTAL_RULE_SET } from './share-rules.ts';
import { RUNNING_TOTAL_RULE_SET } from './running-total-rules.ts';
import { COMBINED_TOP_RULE_SET } from './combined-top-rules.ts';
import { LEADING_ROW_RULE_SET } from './leading-row-rules.ts';
import { FOCUSED_PERIOD_RULE_SET } from './focused-period-rules.ts';
import { CURRENCY_RULE_SET } from './currency-rules.ts';
import { SHOWN_ROWS_RULE_SET } from './shown-rows-rules.ts';
import { BARE_BOUND_RULE_SET, GROUP_THRESHOLD_RULE_SET } from './group-threshold-rules.ts';
import { WHOLE_DATA_RULE_SET } from './whole-data-rules.ts';
import { VAGUE_SIZE_RULE_SET } from './vague-size-rules.ts';
import { CONTEXT_CLAUSE_RULE_SET, REPORTED_CLAUSE_RULE_SET } from './context-clause-rules.ts';
import { CLOCK_RULE_SET, OFF_TOPIC_RULE_SET, REFUSAL_RULE_SET, WRITING_TASK_RULE_SET } from './refusal-rules.ts';

/** Every rule set of the understanding; a new set is added here once and its records test themselves. */
const RULE_SETS: RuleSet<unknown>[] = [REFUSAL_RULE_SET, OFF_TOPIC_RULE_SET, ABBREVIATION_RULE_SET, GRAIN_QUESTION_RULE_SET, PERIOD_COMPARISON_RULE_SET, PERIOD_UNIT_COMPARISON_RULE_SET, BASELINE_COMPARISON_RULE_SET, RANKING_SUBJECT_RULE_SET, SHARE_OF_TOTAL_RULE_SET, MODEL_CONCEPT_RULE_SET, PER_UNIT_RULE_SET, PER_UNIT_DENOMINATOR_RULE_SET, AVERAGE_PER_PERIOD_RULE_SET, UNITS_SOLD_RULE_SET, WRITING_TASK_RULE_SET, SUBSET_WORD_RULE_SET, FUNNEL_RULE_SET, RANK_POSITION_RULE_SET, DISTINCT_COUNT_RULE_SET, PER_GROUP_RULE_SET, NUMERIC_FILTER_RULE_SET, CONTRIBUTED_AMOUNT_RULE_SET, ASSERTED_CHANGE_RULE_SET, SEARCH_TERM_RULE_SET, REST_CONTRAST_RULE_SET, GROUPING_SLOT_RULE_SET, EVALUATIVE_RANKING_RULE_SET, COMPARATIVE_RULE_SET, PLACE_RULE_SET, CLOCK_RULE_SET, RETENTION_KIND_RULE_SET, COHORT_GRAIN_RULE_SET, RETENTION_WORD_RULE_SET, CHANGE_DRIVER_RULE_SET, PURCHASED_ITEMS_RULE_SET, RUNNING_TOTAL_RULE_SET, COMBINED_TOP_RULE_SET, LEADING_ROW_RULE_SET, FOCUSED_PERIOD_RULE_SET, CURRENCY_RULE_SET, SHOWN_ROWS_RULE_SET, GROUP_THRESHOLD_RULE_SET, BARE_BOUND_RULE_SET, WHOLE_DATA_RULE_SET, VAGUE_SIZE_RULE_SET, CONTEXT_CLAUSE_RULE_SET, REPORTED_CLAUSE_RULE_SET] as RuleSet<unknown>[];

describe.each(RULE_SETS.map((set) => [set.name, set] as const))('%s rules', (_, set) => {
  it('have unique ids and patterns in at least one language', () => {
    const ids = set.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of set.rules) expect(rule.zh.length + rule.en.length, rule.id).toBeGreaterThan(0);
  });

  it('are written in lower case, as the normalized question they are matched on without the i flag', () => {
    for (const rule of set.rules) {
      for (const source of [...rule.zh, ...rule.en]) {
        // Escapes (\S, \b, \p{Script=Han}) are not letters of the text.
        expect(source.replace(/\\[pP]\{[^}]*\}|\\./g, ''), `${rule.id}: ${source}`).not.toMatch(/[A-Z]/);
      }
    }
  });

  for (const rule of set.rules) {
    it(`${rule.id}: matches its examples and none of its counter-examples`, () => {
      expect(rule.examples.match.length, 'give at least one example that must match').toBeGreaterThan(0);
      expect(rule.examples.noMatch.length, 'give at least one example that must not match').toBeGreaterThan(0);
      for (const example of rule.examples.match) expect(set.matches(rule, normalizeQuestion(example)), `should match: ${example}`).toBe(true);
      for (const example of rule.examples.noMatch) expect(set.matches(rule, normalizeQuestion(example)), `should not match: ${example}`).toBe(false);
    });
  }
});
