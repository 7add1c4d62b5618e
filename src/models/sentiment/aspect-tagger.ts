import { matchAspects } from './aspect-lexicon.ts';
import { splitOpinionClauses } from './opinion-clauses.ts';
import type { Polarity, SentimentModel } from './sentiment-model.ts';

/** One aspect named in one clause, with that clause's polarity. */
export interface AspectMention {
  aspect: string;
  polarity: Polarity;
  clause: string;
  /** The clause's log-likelihood-ratio evidence (> 0 leans positive). */
  evidence: number;
}

/**
 * Tags a review's aspects clause by clause: the lexicon says what each clause is about, the sentiment model
 * says how the clause feels, so "质量不错但是物流太慢" gives quality positive and logistics negative.
 */
export function tagAspects(text: string, model: SentimentModel): AspectMention[] {
  const mentions: AspectMention[] = [];
  for (const clause of splitOpinionClauses(text)) {
    const aspects = matchAspects(clause.text);
    if (aspects.length === 0) continue;
    const { polarity, evidence } = model.clausePolarity(clause.text);
    for (const aspect of aspects) mentions.push({ aspect: aspect.id, polarity, clause: clause.text, evidence });
  }
  return mentions;
}
