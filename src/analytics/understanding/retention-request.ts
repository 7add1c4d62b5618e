import { findDimension, findMetric, listMetrics } from '../../sql/semantic/index.ts';
import type { Language } from '../../text/language.ts';
import type { Recognition } from './recognize-question.ts';
import { isAboutRetention } from './retention-wording.ts';
import { asksCohortSize, isRetentionMetric, namesRetentionKind, retentionDaysNamed } from './rules/retention-rules.ts';

const COHORT_GRAINS = ['day', 'week', 'month'] as const;
/** The catalogue's day-N retention metrics; other day numbers only the cohort table has. */
const DAY_METRICS: Record<number, string> = { 1: 'day1_retention', 7: 'day7_retention', 30: 'day30_retention' };
/** A split named with no kind of retention: the cohort table's default days that the catalogue has as metrics. */
const DEFAULT_SPLIT_METRICS = ['day1_retention', 'day7_retention', 'day30_retention'];
const WEEK_RETENTION = /周留存|第\s*\d+\s*周|week-?\s*\d+ retention|weekly retention|week-over-week retention/;
const WEEKLY_TABLE = /按周|每周|逐周|by week|week by week|signup week/;

/**
 * How a retention question is answered:
 * - `table`: the weekly cohort table (compileRetention): week-N retention, day numbers the catalogue has no metric
 *   for, a list of weekly cohorts, or retention with no kind, split or ranking named;
 * - `metrics`: the catalogue's retention metrics on user_cohorts, one row for the named cohort period ("10月新用户的次月留存率"),
 *   one per value of a first-activity attribute ("D7 retention by channel for the October cohort"), per monthly or daily
 *   cohort, or a ranking of cohorts ("which weekly cohort had the best day-7 retention").
 */
export type RetentionPlan =
  | { kind: 'table'; mode: 'days' | 'weeks'; days?: number[]; weeks?: number; splits: string[] }
  | { kind: 'metrics'; metrics: string[]; dimensions: string[]; defaulted: boolean };

export function retentionPlan(recognition: Recognition): RetentionPlan | undefined {
  if (!isAboutRetention(recognition)) return undefined;
  const text = recognition.normalized;
  const { cues } = recognition;
  const grain = COHORT_GRAINS.find((candidate) => cues.has(`grain:${candidate}`) || recognition.dimensions.includes(candidate));
  const splits = recognition.dimensions.filter((dimension) => !(COHORT_GRAINS as readonly string[]).includes(dimension));
  const ranked = cues.has('top') || cues.has('bottom') || recognition.limit !== undefined;
  const days = retentionDaysNamed(text);
  // Weekly cohorts with day-N retention ("按周看同期群的次日留存") stay in days; weeks alone ("按周看一下用户留存") are week-N.
  const kindNamed = namesRetentionKind(text);
  const weekly = recognition.retentionWeeks !== undefined || WEEK_RETENTION.test(text) || (!kindNamed && (WEEKLY_TABLE.test(text) || cues.has('grain:week')) && !ranked && splits.length === 0);
  if (weekly) {
    const weekNumbers = [...text.matchAll(/第\s*(\d+)\s*周|week[- ]?(\d+)/g)].map((match) => Number(match[1] ?? match[2])).filter((value) => value >= 1 && value <= 26);
    const weeks = recognition.retentionWeeks ?? (weekNumbers.length > 0 ? Math.max(...weekNumbers) : undefined);
    return { kind: 'table', mode: 'weeks', ...(weeks !== undefined ? { weeks } : {}), splits };
  }
  const offCatalogue = days.filter((day) => DAY_METRICS[day] === undefined);
  if (offCatalogue.length > 0) return { kind: 'table', mode: 'days', days, splits };
  const asked = kindNamed ? recognition.metrics.filter(isRetentionMetric) : [];
  // "次日留存和7日留存": every kind named, by its metric word or its day number.
  const named = [...new Set([...asked, ...days.map((day) => DAY_METRICS[day] as string)])];
  if (named.length === 0 && splits.length === 0 && !ranked && grain !== 'month' && grain !== 'day') {
    // Retention with no kind named and nothing to split or rank by: the documented cohort table (days 1, 7, 14, 30).
    return { kind: 'table', mode: 'days', splits };
  }
  // A list of weekly cohorts keeps the table (cohort sizes beside the rates); ranked or split, it is the metrics'.
  if (grain === 'week' && splits.length === 0 && !ranked && named.length > 0 && named.every((id) => id !== 'month1_retention')) {
    return { kind: 'table', mode: 'days', days: [...new Set(named.map((id) => Number(id.replace(/\D/g, ''))))].sort((left, right) => left - right), splits };
  }
  const defaulted = named.length === 0;
  const metrics = defaulted ? (ranked ? ['day1_retention'] : DEFAULT_SPLIT_METRICS) : named;
  // The cohort grain ("by month of first activity") is a grain cue the metrics request turns into its time dimension.
  return { kind: 'metrics', metrics: asksCohortSize(text) ? ['new_users', ...metrics] : metrics, dimensions: recognition.dimensions, defaulted };
}

let cohortDimensions: Set<string> | undefined;
/** Dimensions a first-activity cohort has (the user's attributes, first device, the first day's calendar). */
function splitsCohorts(dimension: string): boolean {
  cohortDimensions ??= new Set(listMetrics().find((listing) => listing.id === 'day1_retention')?.dimensions ?? []);
  return cohortDimensions.has(dimension);
}

/**
 * A retention question split or filtered by what a cohort does not have (category, payment method, hour) or a
 * cohort-table split: asked back, never answered with the split dropped.
 */
export function retentionClarification(recognition: Recognition, plan: RetentionPlan | undefined, language: Language): { question: string; options: string[] } | undefined {
  if (!plan) return undefined;
  const zh = language === 'zh';
  const name = (id: string) => (zh ? findDimension(id)?.name_zh : findDimension(id)?.name_en.toLowerCase()) ?? id;
  const grains = [...recognition.cues].filter((cue) => cue.startsWith('grain:')).map((cue) => cue.slice('grain:'.length));
  const foreign = [...recognition.dimensions, ...grains, ...recognition.filters.map((filter) => filter.dimension)].filter((dimension) => !splitsCohorts(dimension));
  const options = zh ? ['各渠道的次日留存率', '各设备的7日留存率', '按城市等级的次月留存率'] : ['day-1 retention by channel', 'day-7 retention by device', 'next-month retention by city tier'];
  if (foreign.length > 0) {
    const names = [...new Set(foreign)].map(name).join(zh ? '、' : ', ');
    return zh
      ? { question: `留存按用户首次活跃的同期群计算,同期群只能按用户属性(渠道、城市、城市等级、性别、年龄段)、首次访问设备或首次活跃日期拆分或筛选,不能按${names}。要改看哪一种?`, options }
      : { question: `Retention is measured on first-activity cohorts, which can be split or filtered by the user's attributes (channel, city, city tier, gender, age band), the first visit's device or the first day, not by ${names}. Which would you like instead?`, options };
  }
  if (plan.kind === 'table' && plan.splits.length > 0) {
    const names = plan.splits.map(name).join(zh ? '、' : ', ');
    const kind = plan.mode === 'weeks' ? (zh ? '第 N 周留存' : 'week-N retention') : zh ? `第${(plan.days ?? []).join('、')}日留存` : `day-${(plan.days ?? []).join('/')} retention`;
    const metrics = ['day1_retention', 'day7_retention', 'day30_retention', 'month1_retention'].map((id) => (zh ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id);
    return zh
      ? { question: `${kind}只有按周的同期群表,还不能按${names}拆分。按${names}拆分可以看:${metrics.join('、')}。要看哪一个?`, options: metrics.map((metric) => `按${names}的${metric}`) }
      : { question: `${kind} comes only as the weekly cohort table and cannot be split by ${names} yet. By ${names} I can show: ${metrics.join(', ')}. Which one?`, options: metrics.map((metric) => `${metric} by ${names}`) };
  }
  return undefined;
}
