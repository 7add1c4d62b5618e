import { tagAspects } from './aspect-tagger.ts';
import type { Polarity, SentimentModel } from './sentiment-model.ts';

/** What the model makes of any text (not a stored review): its label, how sure, and its aspects clause by clause. */
export interface TextSentiment {
  label: 'positive' | 'negative';
  /** The model's probability that the text is positive, 0–1 (label is positive from 0.5 up). */
  score: number;
  aspects: { aspect: string; polarity: Polarity; clause: string }[];
}

export function analyseText(model: SentimentModel, text: string): TextSentiment {
  const score = model.probabilityPositive(text);
  return {
    label: score >= 0.5 ? 'positive' : 'negative',
    score: Number(score.toFixed(4)),
    aspects: tagAspects(text, model).map(({ aspect, polarity, clause }) => ({ aspect, polarity, clause })),
  };
}
