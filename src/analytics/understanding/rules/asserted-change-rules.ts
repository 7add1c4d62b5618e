import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * The direction a question takes for granted: "为什么这个月转化率下降了", "why did GMV drop". When the data moved the
 * other way, the answer says so first instead of explaining a fall that did not happen.
 */
export const ASSERTED_CHANGE_RULES: readonly PhraseRule<{ direction: 'down' | 'up' }>[] = [
  {
    id: 'asserted-fall',
    meaning: { direction: 'down' },
    zh: ['下降', '下滑', '下跌', '降低', '减少', '变少', '变差', '跌了', '掉了', '降了', '少了'],
    en: ['drop(?:ped|s)?', 'fell', 'fall(?:ing|en)?', 'declin(?:e|ed|ing)', 'decreas(?:e|ed|ing)', 'go(?:ne)? down', 'went down', 'got worse', 'worsened', 'slump(?:ed)?', 'dip(?:ped)?'],
    examples: { match: ['为什么这个月转化率下降了', 'why did GMV drop last week', 'what caused the decline in orders'], noMatch: ['why did GMV go up', '为什么GMV涨了', 'GMV by category'] },
  },
  {
    id: 'asserted-rise',
    meaning: { direction: 'up' },
    zh: ['上升', '上涨', '增长', '增加', '提高', '提升', '变多', '变好', '涨了', '升了', '多了'],
    en: ['r(?:ise|ose|isen|ising)', 'gr(?:ew|ow|own|owing)', 'increas(?:e|ed|ing)', 'go(?:ne)? up', 'went up', 'jump(?:ed)?', 'spik(?:e|ed)', 'improv(?:e|ed)', 'got better', 'surg(?:e|ed)'],
    examples: { match: ['为什么GMV涨了', 'why did orders jump', 'what drove the increase in AOV'], noMatch: ['why did GMV drop', '为什么转化率下降了', 'GMV by city'] },
  },
];

export const ASSERTED_CHANGE_RULE_SET: RuleSet<{ direction: 'down' | 'up' }> = { name: 'the direction a question takes for granted', rules: ASSERTED_CHANGE_RULES, matches: ruleMatches };

/** The one direction the question asserts; undefined when it asserts none or both ("涨还是跌"). */
export function assertedChange(normalizedQuestion: string): 'down' | 'up' | undefined {
  const directions = ASSERTED_CHANGE_RULES.filter((rule) => ruleMatches(rule, normalizedQuestion)).map((rule) => rule.meaning.direction);
  return directions.length === 1 ? directions[0] : undefined;
}
