import { recognizeQuestion } from './src/analytics/understanding/recognize-question.ts';
import { ValueIndex } from './src/sql/values/value-index.ts';
import { ENUMERATED_VALUES } from './src/sql/values/value-vocabulary.ts';
const r = recognizeQuestion('funnel for the last 7 days: search → view → cart → purchase. how many users make it through each step?', '2025-11-30', new ValueIndex([...ENUMERATED_VALUES]));
console.log(r.eventSteps, [...r.cues]);
