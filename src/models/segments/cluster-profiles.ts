import type { BehaviourFeature } from './behaviour-features.ts';

export interface ClusterProfile {
  cluster: number;
  size: number;
  share: number;
  label_en: string;
  label_zh: string;
  /** Mean standardised value per feature: how many standard deviations this group sits above average. */
  zScores: Record<string, number>;
  /** Plain averages of the untransformed features (null where nobody in the group has a value). */
  averages: Record<string, number | null>;
}

/** A feature has to differ from the average by at least this many standard deviations to be named … */
export const NOTABLE_Z = 0.5;
/** … unless no feature does: then the group's strongest leanings are named, down to this z. */
export const LEANING_Z = 0.25;
const MAX_PHRASES = 3;

/**
 * Words for a group, derived from its z-scores: the most distinctive feature names the group ("high
 * spenders"), the next ones (up to three in all) describe it ("who buy often and mostly use the app").
 * Nothing is hard-coded per cluster, so a different shop gets different words.
 */
export function describeCluster(zScores: Record<string, number>, features: readonly BehaviourFeature[]): { en: string; zh: string } {
  const ranked = features
    .map((feature) => ({ feature, z: zScores[feature.id] ?? 0 }))
    .sort((left, right) => Math.abs(right.z) - Math.abs(left.z) || left.feature.id.localeCompare(right.feature.id));
  const strong = ranked.filter((entry) => Math.abs(entry.z) >= NOTABLE_Z);
  const chosen = strong.length > 0 ? strong : ranked.filter((entry) => Math.abs(entry.z) >= LEANING_Z);
  const notable = chosen.slice(0, MAX_PHRASES).map((entry) => (entry.z > 0 ? entry.feature.high : entry.feature.low));
  const [first, ...rest] = notable;
  if (!first) return { en: 'average shoppers', zh: '各项行为接近平均的普通用户' };
  const en = rest.length === 0 ? first.noun_en : `${first.noun_en} who ${rest.map((phrase) => phrase.clause_en).join(' and ')}`;
  return { en, zh: `${notable.map((phrase) => phrase.zh).join('、')}的用户` };
}

export function profileClusters(input: {
  standardisedRows: readonly (readonly number[])[];
  /** Feature of each standardised column. */
  standardisedFeatures: readonly BehaviourFeature[];
  rawRows: readonly (readonly (number | null)[])[];
  /** Feature of each raw column. */
  rawFeatures: readonly BehaviourFeature[];
  assignments: readonly number[];
  clusterCount: number;
}): ClusterProfile[] {
  const total = input.assignments.length;
  const profiles: ClusterProfile[] = [];
  for (let cluster = 0; cluster < input.clusterCount; cluster++) {
    const members = input.assignments.flatMap((assigned, index) => (assigned === cluster ? [index] : []));
    const zScores: Record<string, number> = {};
    input.standardisedFeatures.forEach((feature, column) => {
      const sum = members.reduce((accumulator, index) => accumulator + ((input.standardisedRows[index] as number[])[column] as number), 0);
      zScores[feature.id] = members.length > 0 ? sum / members.length : 0;
    });
    const averages: Record<string, number | null> = {};
    input.rawFeatures.forEach((feature, column) => {
      const values = members.map((index) => (input.rawRows[index] as (number | null)[])[column]).filter((value): value is number => typeof value === 'number');
      averages[feature.id] = values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
    });
    const words = describeCluster(zScores, input.standardisedFeatures);
    profiles.push({ cluster, size: members.length, share: total > 0 ? members.length / total : 0, label_en: words.en, label_zh: words.zh, zScores, averages });
  }
  // Two groups must never share a name in a chart legend.
  const seen = new Map<string, number>();
  for (const profile of profiles) seen.set(profile.label_en, (seen.get(profile.label_en) ?? 0) + 1);
  for (const profile of profiles) {
    if ((seen.get(profile.label_en) ?? 0) > 1) {
      profile.label_en = `${profile.label_en} (group ${profile.cluster + 1})`;
      profile.label_zh = `${profile.label_zh}（第 ${profile.cluster + 1} 组）`;
    }
  }
  return profiles;
}
