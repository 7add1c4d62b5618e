import { DIMENSIONS, METRICS } from '../../sql/semantic/index.ts';
import { LexiconMatcher, type LexiconEntry } from '../../text/lexicon-matcher.ts';
import { CUE_PHRASES, type Cue } from './question-cues.ts';

export type Term =
  | { kind: 'metric'; id: string }
  | { kind: 'dimension'; id: string }
  | { kind: 'cue'; cue: Cue };

/**
 * Plain phrases that imply a metric without naming it ("卖得最好" = highest GMV). Checked before the
 * catalogue's own synonyms because they are longer.
 */
const IMPLIED_METRICS: Record<string, string[]> = {
  gmv: ['卖得最好', '卖得好', '卖得最好的', '最赚钱', '赚了多少', '赚钱', 'best-selling', 'best selling', 'top-selling', 'top selling', 'sells best', 'sold best', 'made the most money', 'earned'],
  units: ['卖得最多', '卖出最多', '卖了多少件', '卖出多少件', 'sold the most', 'most sold', 'how many units', 'how many items'],
  buyers: ['多少人买', '多少人购买', '多少人下单', 'how many people bought', 'how many customers bought', 'how many people purchased', 'how many shoppers bought', 'how many people ordered'],
  uv: ['多少人访问', '多少人来', '多少访客', 'how many people visited', 'how many visitors'],
  orders: ['多少单', '多少笔订单', 'how many orders'],
};

/** Synonyms too short or too vague to match on their own: a lone 天 or 端, "where", "make". */
const AMBIGUOUS = new Set(['日', '天', '周', '月', '端', 'where', 'make', 'label', 'source', 'date', 'status', 'client', 'terminal', 'platform', 'item', 'goods', 'vertical', 'volume', 'income', 'traffic', 'region', 'location']);

function usable(phrase: string): boolean {
  const trimmed = phrase.trim().toLowerCase();
  return trimmed.length > 0 && !AMBIGUOUS.has(trimmed);
}

export function buildAnalyticsLexicon(): LexiconMatcher<Term> {
  const entries: LexiconEntry<Term>[] = [];
  for (const [id, phrases] of Object.entries(IMPLIED_METRICS)) {
    for (const phrase of phrases) entries.push({ phrase, meaning: { kind: 'metric', id } });
  }
  for (const metric of METRICS) {
    for (const phrase of [metric.id.replace(/_/g, ' '), metric.name_en, metric.name_zh, ...metric.synonyms_en, ...metric.synonyms_zh]) {
      if (usable(phrase)) entries.push({ phrase, meaning: { kind: 'metric', id: metric.id } });
    }
  }
  for (const [cue, phrases] of Object.entries(CUE_PHRASES) as [Cue, string[]][]) {
    // Grain cues ("每天", "weekly") outrank the time dimensions' synonyms; other cues are matched later.
    if (cue.startsWith('grain:')) for (const phrase of phrases) entries.push({ phrase, meaning: { kind: 'cue', cue } });
  }
  for (const dimension of DIMENSIONS) {
    for (const phrase of [dimension.id.replace(/_/g, ' '), dimension.name_en, dimension.name_zh, ...dimension.synonyms_en, ...dimension.synonyms_zh]) {
      if (usable(phrase)) entries.push({ phrase, meaning: { kind: 'dimension', id: dimension.id } });
    }
  }
  return new LexiconMatcher(entries);
}

/** Shape cues are matched after everything else, on the text that is left. */
export function buildCueLexicon(): LexiconMatcher<Cue> {
  const entries: LexiconEntry<Cue>[] = [];
  for (const [cue, phrases] of Object.entries(CUE_PHRASES) as [Cue, string[]][]) {
    if (!cue.startsWith('grain:')) for (const phrase of phrases) entries.push({ phrase, meaning: cue });
  }
  return new LexiconMatcher(entries);
}
