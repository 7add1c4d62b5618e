import { describe, expect, it } from 'vitest';
import { parseGoldenFile } from './load-golden.ts';
import { selectUnits } from './run-evals.ts';

const units = parseGoldenFile(
  `questions:
  - {id: lookup-gmv-zh, language: zh, shape: lookup, question: q, gold_sql: SELECT 1, notes: n}
  - {id: lookup-gmv-en, language: en, shape: lookup, question: q, gold_sql: SELECT 1, notes: n}
  - {id: trend-gmv-en, language: en, shape: trend, question: q, gold_sql: SELECT 1, notes: n}
  - id: chain-city-zh
    language: zh
    shape: follow_up
    notes: n
    turns:
      - {question: a, gold_sql: SELECT 1}
      - {question: b, gold_sql: SELECT 1}
`,
  'test.yaml',
);

describe('selectUnits', () => {
  const ids = (selected: ReturnType<typeof selectUnits>) => selected.map((unit) => unit.id);

  it('keeps everything without filters', () => {
    expect(ids(selectUnits(units, {}))).toEqual(['lookup-gmv-zh', 'lookup-gmv-en', 'trend-gmv-en', 'chain-city-zh']);
  });

  it('selects by id prefixes, running a whole chain when one of its turns is named', () => {
    expect(ids(selectUnits(units, { only: 'lookup-gmv, chain-city-zh-t2' }))).toEqual(['lookup-gmv-zh', 'lookup-gmv-en', 'chain-city-zh']);
  });

  it('filters by language and shape', () => {
    expect(ids(selectUnits(units, { language: 'en' }))).toEqual(['lookup-gmv-en', 'trend-gmv-en']);
    expect(ids(selectUnits(units, { shape: 'follow_up' }))).toEqual(['chain-city-zh']);
    expect(ids(selectUnits(units, { language: 'zh', shape: 'trend' }))).toEqual([]);
  });
});
