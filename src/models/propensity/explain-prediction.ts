import type { Language } from '../../text/language.ts';
import type { PropensityFeature } from './propensity-features.ts';

export interface FeatureContribution {
  feature: string;
  /** Log-odds (logistic regression) or probability (boosted trees) this feature adds for this user versus a typical user. */
  contribution: number;
  /** The raw value, null when undefined (never visited …). */
  value: number | null;
}

export interface Reason {
  feature: string;
  direction: 'raises' | 'lowers';
  contribution: number;
  text_en: string;
  text_zh: string;
}

/** The `count` largest contributions by size, each put into words in both languages. */
export function topReasons(features: readonly PropensityFeature[], contributions: readonly FeatureContribution[], count = 3): Reason[] {
  const byId = new Map(features.map((feature) => [feature.id, feature]));
  return [...contributions]
    .filter((entry) => Math.abs(entry.contribution) > 1e-9)
    .sort((left, right) => Math.abs(right.contribution) - Math.abs(left.contribution) || left.feature.localeCompare(right.feature))
    .slice(0, count)
    .map((entry) => {
      const feature = byId.get(entry.feature);
      const direction = entry.contribution > 0 ? 'raises' : 'lowers';
      const english = feature ? feature.phrase_en(entry.value) : entry.feature;
      const chinese = feature ? feature.phrase_zh(entry.value) : entry.feature;
      return {
        feature: entry.feature,
        direction,
        contribution: entry.contribution,
        text_en: `${english} (${direction} the chance)`,
        text_zh: `${chinese}(${direction === 'raises' ? '提高' : '降低'}购买可能)`,
      };
    });
}

export function reasonText(reason: Reason, language: Language): string {
  return language === 'zh' ? reason.text_zh : reason.text_en;
}
