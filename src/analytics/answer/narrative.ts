import type { JsonRow, JsonValue } from '../../sql/json-values.ts';
import type { Language } from '../../text/language.ts';
import { formatSignedPercent, formatValue } from '../../presentation/format-value.ts';
import { NON_NAME_COLUMNS, type ResultColumn, type ResultTable } from '../../presentation/result-table.ts';
import { splitsByDimension, type DimensionSplit } from './contribution-reading.ts';

export interface NarrativeOptions {
  language: Language;
  /** e.g. "last week (2025-11-17 to 2025-11-23)" / "上周(2025-11-17 至 2025-11-23)". */
  periodLabel?: string;
  /** Turns stored dimension values into display names (e.g. Phones → 手机). */
  labelValue?: (columnId: string, value: JsonValue, language: Language) => string;
}

interface Parts {
  table: ResultTable;
  options: NarrativeOptions;
  zh: boolean;
  dimensions: ResultColumn[];
  metrics: ResultColumn[];
  label: (column: ResultColumn) => string;
  cell: (row: JsonRow | undefined, column: ResultColumn | undefined) => string;
  name: (row: JsonRow | undefined) => string;
}


function partsOf(table: ResultTable, options: NarrativeOptions): Parts {
  const zh = options.language === 'zh';
  const dimensions = table.columns.filter((column) => column.role === 'dimension' && !NON_NAME_COLUMNS.has(column.id));
  // Comparison and share columns are read next to their metric, never as metrics of their own; a metric whose own
  // name ends like one (positive_review_share) is still a metric.
  const ids = new Set(table.columns.map((column) => column.id));
  const companion = (id: string) => {
    const base = /^(.+?)_(previous|change|change_pct|share)$/.exec(id)?.[1];
    return base !== undefined && ids.has(base);
  };
  const metrics = table.columns.filter((column) => column.role === 'metric' && !companion(column.id));
  const label = (column: ResultColumn) => (zh ? column.label_zh : column.label_en);
  const cell = (row: JsonRow | undefined, column: ResultColumn | undefined) =>
    row && column ? formatValue(row[column.id], column.unit, options.language, column.currency) : '';
  const name = (row: JsonRow | undefined) =>
    dimensions
      .map((column) => {
        const value = row?.[column.id] ?? null;
        return options.labelValue ? options.labelValue(column.id, value, options.language) : String(value);
      })
      .join(' / ');
  return { table, options, zh, dimensions, metrics, label, cell, name };
}

function period(parts: Parts): string {
  const text = parts.options.periodLabel;
  if (!text) return '';
  return parts.zh ? `${text},` : `From ${text}, `;
}

// A rate over nothing: say why instead of printing "n/a" as if it were a value.
function undefinedRatio(parts: Parts, metric: ResultColumn): string {
  const retention = metric.id.includes('retention');
  if (parts.zh) {
    return `${parts.label(metric)}无法计算:分母为 0${retention ? '(这一期间的新用户中,没有人的留存观察期已完整包含在数据中)' : '(这一期间没有可计入分母的记录)'}`;
  }
  return `${parts.label(metric)} cannot be computed: its denominator is 0${retention ? " (no new user of this period has a retention window that the data fully covers yet)" : ' (nothing in this period counts toward it)'}`;
}

function single(parts: Parts): string {
  const row = parts.table.rows[0];
  const items = parts.metrics.map((metric) => {
    const share = parts.table.columns.find((column) => column.id === `${metric.id}_share`);
    const value = parts.cell(row, metric);
    if (row && (row[metric.id] === null || row[metric.id] === undefined) && metric.unit === 'ratio') return undefinedRatio(parts, metric);
    if (share) return parts.zh ? `${parts.label(metric)}为 ${value},占总体的 ${parts.cell(row, share)}` : `${parts.label(metric)} was ${value}, ${parts.cell(row, share)} of the total`;
    return parts.zh ? `${parts.label(metric)}为 ${value}` : `${parts.label(metric)} was ${value}`;
  });
  return parts.zh ? `${period(parts)}${items.join(',')}。` : `${period(parts)}${items.join(', ')}.`;
}

function ordinal(place: number): string {
  const teen = place % 100 >= 11 && place % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][place % 10] ?? 'th');
  return `${place}${suffix}`;
}

function ranking(parts: Parts): string {
  const metric = parts.metrics[0];
  if (!metric) return table(parts);
  const lowest = parts.table.direction === 'asc';
  const value = (row: JsonRow) => (typeof row[metric.id] === 'number' ? (row[metric.id] as number) : -Infinity);
  // Rankings arrive ordered by the query; breakdowns and distributions are ordered by their dimension.
  const rows = parts.table.shape === 'ranking' ? parts.table.rows : [...parts.table.rows].sort((left, right) => value(right) - value(left));
  // Every group at zero is no ranking: say so instead of naming an arbitrary "highest" (search events have no category).
  if (rows.length > 1 && rows.every((row) => row[metric.id] === 0 || row[metric.id] === null)) {
    const groups = parts.dimensions.map(parts.label).join(' / ');
    return parts.zh
      ? `${period(parts)}没有任何${groups}的${parts.label(metric)}大于 0,无法排名;这类记录可能不带${groups}信息。`
      : `${period(parts)}no ${groups.toLowerCase()} has any ${parts.label(metric)}, so there is nothing to rank; these records may not carry a ${groups.toLowerCase()}.`;
  }
  const shareColumn = parts.table.columns.find((column) => column.id === `${metric.id}_share`);
  const valueOf = (row: JsonRow | undefined) => (shareColumn ? `${parts.cell(row, metric)}, ${parts.cell(row, shareColumn)}` : parts.cell(row, metric));
  // One group asked about ("its repeat rate" after the top channel) is no ranking: nothing was highest.
  if (rows.length === 1 && parts.table.shape === 'breakdown') {
    const only = rows[0] as JsonRow;
    return parts.zh
      ? `${period(parts)}${parts.name(only)}的${parts.label(metric)}为 ${valueOf(only)}。`
      : `${period(parts)}${parts.label(metric)} for ${parts.name(only)} was ${valueOf(only)}.`;
  }
  const [first, ...others] = rows.slice(0, 3);
  const followers = others.map((row) => `${parts.name(row)} (${valueOf(row)})`);
  const place = parts.table.firstPlace;
  if (place !== undefined && first) {
    // "which city came second": the row is that place, not the top.
    return parts.zh
      ? `${period(parts)}${parts.label(metric)}${lowest ? '倒数' : ''}第 ${place} 的是 ${parts.name(first)}(${valueOf(first)})。`
      : `${period(parts)}${parts.name(first)} came ${ordinal(place)}${lowest ? ' from the bottom' : ''} by ${parts.label(metric)} (${valueOf(first)}).`;
  }
  if (parts.zh) {
    const head = `${period(parts)}${parts.label(metric)}${lowest ? '最低' : '最高'}的是 ${parts.name(first)}(${valueOf(first)})`;
    return followers.length ? `${head},其次是 ${followers.join('、')}。` : `${head}。`;
  }
  const head = `${period(parts)}${parts.name(first)} had the ${lowest ? 'lowest' : 'highest'} ${parts.label(metric)} (${valueOf(first)})`;
  return followers.length ? `${head}, followed by ${followers.join(' and ')}.` : `${head}.`;
}

function trend(parts: Parts): string {
  const metric = parts.metrics[0];
  const rows = parts.table.rows;
  if (!metric || rows.length === 0) return table(parts);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const numeric = (row: JsonRow) => (typeof row[metric.id] === 'number' ? (row[metric.id] as number) : -Infinity);
  const peak = rows.reduce((best, row) => (numeric(row) > numeric(best) ? row : best), rows[0] as JsonRow);
  // A series that ends on its highest value (always so for a running total) has no peak to point at.
  const peakAtEnd = numeric(peak) === numeric(last as JsonRow);
  if (parts.zh) {
    const head = `${parts.label(metric)}从 ${parts.name(first)} 的 ${parts.cell(first, metric)} 变为 ${parts.name(last)} 的 ${parts.cell(last, metric)}`;
    return peakAtEnd ? `${head},为期间最高。` : `${head};峰值出现在 ${parts.name(peak)}(${parts.cell(peak, metric)})。`;
  }
  const head = `${parts.label(metric)} went from ${parts.cell(first, metric)} on ${parts.name(first)} to ${parts.cell(last, metric)} on ${parts.name(last)}`;
  return peakAtEnd ? `${head}, its highest.` : `${head}; it peaked on ${parts.name(peak)} (${parts.cell(peak, metric)}).`;
}

function comparison(parts: Parts): string {
  const sentences = parts.table.rows.slice(0, 3).map((row) => {
    const prefix = parts.dimensions.length ? `${parts.name(row)}: ` : '';
    const items = parts.metrics.map((metric) => {
      const previous = parts.table.columns.find((column) => column.id === `${metric.id}_previous`);
      const change = row[`${metric.id}_change_pct`];
      const changeText = typeof change === 'number' ? formatSignedPercent(change) : parts.zh ? '无法计算' : 'not computable';
      return parts.zh
        ? `${parts.label(metric)} ${parts.cell(row, metric)},上一周期 ${parts.cell(row, previous)}(${changeText})`
        : `${parts.label(metric)} ${parts.cell(row, metric)} vs ${parts.cell(row, previous)} in the previous period (${changeText})`;
    });
    return prefix + items.join(parts.zh ? ';' : '; ');
  });
  return parts.zh ? `${period(parts)}${sentences.join('。')}。` : `${period(parts)}${sentences.join('. ')}.`;
}

function funnel(parts: Parts): string {
  const [count, rate] = parts.metrics;
  const steps = parts.table.rows.map((row, index) => {
    const rateText = index > 0 && rate ? (parts.zh ? `,转化 ${parts.cell(row, rate)}` : `, ${parts.cell(row, rate)} of the step before`) : '';
    return `${parts.name(row)} ${parts.cell(row, count)}${rateText}`;
  });
  return parts.zh ? `${period(parts)}漏斗:${steps.join(' → ')}。` : `${period(parts)}the funnel: ${steps.join(' → ')}.`;
}

/** Column ids of the contribution table, by role. */
function column(parts: Parts, id: string): ResultColumn | undefined {
  return parts.table.columns.find((candidate) => candidate.id === id);
}

const closeTo = (left: unknown, right: unknown) =>
  typeof left === 'number' && typeof right === 'number' && Math.abs(left - right) <= Math.max(1e-9, Math.abs(right) * 0.005);

/**
 * "Why did X change?": the change itself, how to read the splits, then each dimension on its own (values are
 * compared only within a dimension, where their contributions add up to the change), most concentrated first.
 */
function contribution(parts: Parts): string {
  const contributionColumn = column(parts, 'contribution') ?? column(parts, 'change');
  const shareColumn = column(parts, 'share_of_total_change');
  const splits = splitsByDimension(parts.table.rows);
  const [lead] = splits;
  if (!lead || !contributionColumn) return table(parts);
  const zh = parts.zh;
  const metricName = (column(parts, 'value_current')?.[zh ? 'label_zh' : 'label_en'] ?? '').replace(zh ? /（本期）$/ : / \(current\)$/, '');
  const totals = splits.map((split) => split.rows[0]);
  const first = totals[0] as JsonRow;
  const consistent = totals.every((row) => closeTo(row?.total_change, first.total_change));
  const sentences: string[] = [];
  if (column(parts, 'total_change') && consistent) {
    const pct = typeof first.total_change_pct === 'number' ? formatSignedPercent(first.total_change_pct) : zh ? '变化率无法计算' : 'change % not computable';
    sentences.push(zh
      ? `${period(parts)}${metricName}从 ${parts.cell(first, column(parts, 'total_previous'))} 变为 ${parts.cell(first, column(parts, 'total_current'))}(变化 ${parts.cell(first, column(parts, 'total_change'))},${pct})。`
      : `${period(parts)}${metricName} went from ${parts.cell(first, column(parts, 'total_previous'))} to ${parts.cell(first, column(parts, 'total_current'))} (${parts.cell(first, column(parts, 'total_change'))}, ${pct}).`);
  } else {
    sentences.push(zh ? `${period(parts)}${metricName}的变化按维度拆解如下。` : `${period(parts)}here is the change in ${metricName}, split by dimension.`);
  }
  sentences.push(zh
    ? '每次只按一个维度拆分同一变化:同一维度内各值的贡献相加等于合计变化(占比合计 100%);不同维度是同一变化的不同切分,不能相加。'
    : 'Read each split on its own: within one dimension the values\' contributions add up to the total change (their shares sum to 100%); different dimensions are different cuts of the same change and must not be added together.');
  const value = (row: JsonRow) => {
    const share = shareColumn && typeof row[shareColumn.id] === 'number' ? parts.cell(row, shareColumn) : undefined;
    return zh
      ? `${String(row.dimension_value)} ${parts.cell(row, contributionColumn)}${share ? `(占 ${share})` : ''}`
      : `${String(row.dimension_value)} ${parts.cell(row, contributionColumn)}${share ? ` (${share} of the change)` : ''}`;
  };
  const ownTotal = (split: DimensionSplit) => (consistent ? '' : zh ? `(该维度各值合计变化 ${parts.cell(split.rows[0], column(parts, 'total_change'))})` : ` (its values' changes sum to ${parts.cell(split.rows[0], column(parts, 'total_change'))})`);
  splits.slice(0, 4).forEach((split, index) => {
    const values = split.rows.slice(0, index === 0 ? 3 : 2).map(value);
    sentences.push(zh
      ? `${index === 0 ? '变化最集中的是' : ''}按${split.dimension}${ownTotal(split)}:${values.join('、')}。`
      : `${index === 0 ? 'Most concentrated, by' : 'By'} ${split.dimension}${ownTotal(split)}: ${values.join(', ')}.`);
  });
  if (parts.table.rows.some((row) => typeof row.share_of_total_change === 'number' && Math.abs(row.share_of_total_change) > 1)) {
    sentences.push(zh ? '占比超过 100% 或为负,表示同一维度里有值朝相反方向变化、相互抵消。' : 'A share above 100% or below 0 means other values of that dimension moved the opposite way and offset it.');
  }
  if (column(parts, 'mix_effect')) {
    sentences.push(zh ? '这是比率指标:每个值的贡献 = 结构效应(占比变化)+ 比率效应(自身比率变化),两列见表。' : 'This is a ratio: each value\'s contribution = mix effect (its share changed) + rate effect (its own rate changed); both are in the table.');
  }
  return zh ? sentences.join('') : sentences.join(' ');
}

function table(parts: Parts): string {
  const count = parts.table.rows.length;
  const first = parts.table.rows[0];
  const details = parts.table.columns.slice(0, 4).map((column) => `${parts.label(column)} ${formatValue(first?.[column.id], column.unit, parts.options.language, column.currency)}`);
  return parts.zh
    ? `查询返回 ${count} 行${first ? `,第一行:${details.join(',')}` : ''}。`
    : `The query returned ${count} row${count === 1 ? '' : 's'}${first ? `; the first is ${details.join(', ')}` : ''}.`;
}

/**
 * A short narrative built only from the result's own cells (formatted by formatValue), so every number
 * it states can be traced to a row. An empty result says so instead of narrating anything.
 */
export function narrate(resultTable: ResultTable, options: NarrativeOptions): string {
  const parts = partsOf(resultTable, options);
  if (resultTable.rows.length === 0) {
    return parts.zh
      ? `${period(parts)}没有符合条件的数据。请检查筛选条件或时间范围。`
      : `${period(parts)}no data matched the question. Check the filters or the time range.`;
  }
  switch (resultTable.shape) {
    case 'single':
      return single(parts);
    case 'ranking':
    case 'breakdown':
    case 'distribution':
      return ranking(parts);
    case 'trend':
      return trend(parts);
    case 'comparison':
      return comparison(parts);
    case 'funnel':
      return funnel(parts);
    case 'contribution':
      return contribution(parts);
    case 'retention':
    case 'table':
      return table(parts);
  }
}
