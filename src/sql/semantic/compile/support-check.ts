import type { DimensionDefinition, FactId } from '../catalogue/catalogue-schema.ts';
import { DIMENSIONS } from '../catalogue/dimensions.ts';
import { FACTS } from '../catalogue/facts.ts';
import { SemanticQueryError } from '../semantic-error.ts';

/** Throws unless every dimension can split rows of the given fact; lists the ones that can. */
export function assertFactSupports(
  factId: FactId,
  dimensions: readonly DimensionDefinition[],
  parameter: string,
  what: string,
): void {
  for (const dimension of dimensions) {
    if (dimension.expressions[factId]) continue;
    const allowed = DIMENSIONS.filter((candidate) => candidate.expressions[factId]).map((candidate) => candidate.id);
    throw new SemanticQueryError(
      `${what} is computed from ${FACTS[factId].name_en}, which cannot be split or filtered by "${dimension.id}". ` +
        `Use one of: ${allowed.join(', ')}.`,
      { parameter, allowed },
    );
  }
}
