import { findDimension, findMetric } from '../../sql/semantic/index.ts';
import type { ValueIndex } from '../../sql/values/value-index.ts';
import type { Language } from '../../text/language.ts';
import type { Recognition } from './recognize-question.ts';
import type { Understanding } from './understanding.ts';

/** Dimensions with this few values are split in full when one value is set against "the rest". */
const FEW_VALUES = 4;

function valueCount(dimension: string, values: ValueIndex): number {
  const labelled = Object.keys(findDimension(dimension)?.value_labels_zh ?? {}).filter((value) => value !== 'unknown').length;
  const indexed = values.entries.filter((entry) => entry.dimension === dimension && entry.values.length === 1).length;
  return Math.max(labelled, indexed);
}

/**
 * "新用户的客单价和其他用户比": a group against the rest of its dimension. With a few values the dimension is split
 * (the group and the others side by side); with many, "all the others" as one group is not computed here, so the
 * question is asked instead of answering the group alone.
 */
export function contrastWithTheRest(recognition: Recognition, values: ValueIndex, language: Language, notes: string[]): Understanding | undefined {
  const filter = [...recognition.filters].reverse().find((candidate) => candidate.operator === 'in' && !recognition.dimensions.includes(candidate.dimension));
  if (!filter) return undefined;
  const definition = findDimension(filter.dimension);
  if (!definition) return undefined;
  // A dimension whose values the index does not list (products, customers) counts as many.
  const count = valueCount(filter.dimension, values);
  if (count > 0 && count <= FEW_VALUES) {
    recognition.filters = recognition.filters.filter((candidate) => candidate !== filter);
    recognition.dimensions = [filter.dimension, ...recognition.dimensions];
    // "和其他用户比" compares groups, not periods.
    recognition.comparesGroupsOnly = true;
    notes.push(`group against the rest: split by ${filter.dimension}`);
    return undefined;
  }
  const labels = filter.values.map((value) => values.label(filter.dimension, value, language));
  const named = `${labels.slice(0, 3).join(language === 'zh' ? '、' : ', ')}${labels.length > 3 ? (language === 'zh' ? ` 等 ${labels.length} 项` : ` and ${labels.length - 3} more`) : ''}`;
  const metric = recognition.metrics.map((id) => (language === 'zh' ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id).join(language === 'zh' ? '、' : ', ');
  const dimensionName = language === 'zh' ? definition.name_zh : definition.name_en;
  return language === 'zh'
    ? { kind: 'clarify', question: `我还不能把“${named}”以外的所有${dimensionName}合并成一组来对比。可以按${dimensionName}拆分${metric}(其中包括${named}),要看这个吗?`, options: [`各${dimensionName}的${metric}`], confidence: 0.3, notes: [...notes, `group against the rest of ${filter.dimension}: too many values to split`] }
    : { kind: 'clarify', question: `I cannot yet combine every ${dimensionName.toLowerCase()} other than ${named} into one group to compare. I can split ${metric} by ${dimensionName.toLowerCase()} (including ${named}); would that help?`, options: [`${metric} by ${dimensionName.toLowerCase()}`], confidence: 0.3, notes: [...notes, `group against the rest of ${filter.dimension}: too many values to split`] };
}
