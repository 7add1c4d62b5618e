import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from './dimensions.ts';
import { METRICS } from './metrics.ts';

const DOC = readFileSync(fileURLToPath(new URL('../../../../docs/semantic-layer.md', import.meta.url)), 'utf8');

describe('docs/semantic-layer.md', () => {
  it('states every metric definition verbatim in English and Chinese', () => {
    const missing = METRICS.flatMap((metric) =>
      [metric.definition_en, metric.definition_zh].filter((definition) => !DOC.includes(definition)).map(() => metric.id),
    );
    expect(missing).toEqual([]);
  });

  it('documents every dimension', () => {
    const missing = DIMENSIONS.filter(
      (dimension) => !DOC.includes(`| \`${dimension.id}\` |`) || !DOC.includes(dimension.description_zh),
    ).map((dimension) => dimension.id);
    expect(missing).toEqual([]);
  });
});
