import type { Warehouse } from '../../sql/warehouse.ts';
import { WAREHOUSE_SOURCES, type AnomalySources, type DateRange } from './anomaly-scope.ts';
import { fitIsolationForest, isolationScore } from './isolation-forest.ts';
import { OUTLIER_Z, robustCentre, robustZ, type RobustCentre } from './robust-z-score.ts';
import { loadSessionBehaviour, type SessionBehaviour } from './session-behaviour.ts';

/** Scored signals. Shopping intent (carts, favourites, purchases) only adds words: most human sessions have none either. */
export const BROWSING_SIGNALS = ['speed', 'dwell', 'volume', 'regularity'] as const;
export type BrowsingSignal = (typeof BROWSING_SIGNALS)[number];

/** Added to the gap variation before the log, so near-zero variation stretches out instead of vanishing against the median. */
const REGULARITY_OFFSET = 0.05;

/** A signal counts towards a session's reasons from this robust z (in the bot-like direction) on. */
export const NOTABLE_Z = 2;
/** A session is flagged when at least this many signals are outliers (z ≥ OUTLIER_Z): one extreme number alone is usually a keen human. */
export const FLAG_SIGNALS = 2;

export function eventsPerMinute(session: SessionBehaviour): number {
  return ((session.events - 1) / Math.max(session.durationSeconds, 1)) * 60;
}

function gapVariation(session: SessionBehaviour): number | null {
  if (session.meanGapSeconds === null || session.gapStandardDeviation === null || session.meanGapSeconds <= 0) return null;
  return session.gapStandardDeviation / session.meanGapSeconds;
}

/** Each signal on the scale it is compared on, and which way is bot-like (+1: high, -1: low). */
const SIGNAL_DEFINITIONS: Record<BrowsingSignal, { direction: 1 | -1; value: (session: SessionBehaviour) => number | null; raw: (session: SessionBehaviour) => number | null; back: (value: number) => number }> = {
  speed: { direction: 1, value: (session) => Math.log1p(eventsPerMinute(session)), raw: eventsPerMinute, back: Math.expm1 },
  dwell: { direction: -1, value: (session) => (session.medianDwellSeconds === null ? null : Math.log1p(session.medianDwellSeconds)), raw: (session) => session.medianDwellSeconds, back: Math.expm1 },
  volume: { direction: 1, value: (session) => Math.log1p(session.views), raw: (session) => session.views, back: Math.expm1 },
  // Coefficient of variation of the gaps between actions: scripts click on a timer, people do not.
  regularity: {
    direction: -1,
    value: (session) => {
      const variation = gapVariation(session);
      return variation === null ? null : Math.log(variation + REGULARITY_OFFSET);
    },
    raw: gapVariation,
    back: (value) => Math.exp(value) - REGULARITY_OFFSET,
  },
};

export interface SignalScore {
  /** Raw value: events/min, seconds, views, gap variation, intent events. */
  value: number | null;
  /** Robust z in the bot-like direction (positive = more bot-like). */
  z: number;
}

export interface SessionAnomaly {
  session: SessionBehaviour;
  /** Sum of the positive bot-direction z-scores. */
  score: number;
  /** Isolation-forest score on the same signals, a second opinion (≈ 0.5 ordinary, → 1 isolated). */
  isolationScore: number;
  signals: Record<BrowsingSignal, SignalScore>;
  flagged: boolean;
  reasons_en: string[];
  reasons_zh: string[];
}

export interface UserBrowsingAnomaly {
  userId: number;
  score: number;
  flaggedSessions: number;
  sessions: number;
  worst: SessionAnomaly;
}

export interface BrowsingAnomalies {
  sessionsScored: number;
  /** All scored sessions, most bot-like first. */
  sessions: SessionAnomaly[];
  /** Users with at least one flagged session, by their worst session's score. */
  users: UserBrowsingAnomaly[];
  /** Median raw value of each signal over all scored sessions, the "typical" in the reasons. */
  typical: Record<BrowsingSignal, number>;
}

function describe(signal: BrowsingSignal, value: number, typical: number): { en: string; zh: string } {
  switch (signal) {
    case 'speed':
      return { en: `${value.toFixed(1)} actions per minute (typical ${typical.toFixed(1)})`, zh: `每分钟 ${value.toFixed(1)} 次操作(通常 ${typical.toFixed(1)} 次)` };
    case 'dwell':
      return { en: `median ${value.toFixed(1)} s on a page (typical ${typical.toFixed(1)} s)`, zh: `每页停留中位数 ${value.toFixed(1)} 秒(通常 ${typical.toFixed(1)} 秒)` };
    case 'volume':
      return { en: `${value} product views in one visit (typical ${Math.round(typical)})`, zh: `单次访问浏览 ${value} 个商品(通常 ${Math.round(typical)} 个)` };
    case 'regularity':
      return { en: `actions almost evenly spaced (gap variation ${value.toFixed(2)}, typical ${typical.toFixed(2)})`, zh: `操作间隔几乎均匀(间隔变异系数 ${value.toFixed(2)},通常 ${typical.toFixed(2)})` };
  }
}

function noIntentWords(session: SessionBehaviour): { en: string; zh: string } {
  return { en: `${session.views} views and no cart, favourite or purchase`, zh: `浏览 ${session.views} 次,没有加购、收藏或购买` };
}

/**
 * Scores sessions for bot-like browsing: too fast, too short on each page, too many views, too regular.
 * Each signal is a robust z-score against all sessions in the range (median/MAD, so the bots do not hide
 * themselves by inflating the spread); users are ranked by their worst session.
 */
export async function findBrowsingAnomalies(warehouse: Warehouse, options: { range?: DateRange; sources?: AnomalySources } = {}): Promise<BrowsingAnomalies> {
  const sessions = await loadSessionBehaviour(warehouse, options.sources ?? WAREHOUSE_SOURCES, options.range);
  const centres = {} as Record<BrowsingSignal, RobustCentre>;
  const typical = {} as Record<BrowsingSignal, number>;
  for (const signal of BROWSING_SIGNALS) {
    const definition = SIGNAL_DEFINITIONS[signal];
    const values = sessions.flatMap((session) => {
      const value = definition.value(session);
      return value === null ? [] : [value];
    });
    centres[signal] = robustCentre(values);
    typical[signal] = definition.back(centres[signal].median);
  }
  const scored: SessionAnomaly[] = sessions.map((session) => {
    const signals = {} as Record<BrowsingSignal, SignalScore>;
    let score = 0;
    let outliers = 0;
    const reasons_en: string[] = [];
    const reasons_zh: string[] = [];
    for (const signal of BROWSING_SIGNALS) {
      const definition = SIGNAL_DEFINITIONS[signal];
      const value = definition.value(session);
      const z = value === null ? 0 : definition.direction * robustZ(value, centres[signal]);
      signals[signal] = { value: definition.raw(session), z };
      score += Math.max(z, 0);
      if (z >= OUTLIER_Z) outliers += 1;
      const raw = definition.raw(session);
      if (z >= NOTABLE_Z && raw !== null) {
        const words = describe(signal, raw, typical[signal]);
        reasons_en.push(words.en);
        reasons_zh.push(words.zh);
      }
    }
    if (session.intentEvents === 0 && signals.volume.z >= NOTABLE_Z) {
      const words = noIntentWords(session);
      reasons_en.push(words.en);
      reasons_zh.push(words.zh);
    }
    return { session, score, isolationScore: 0, signals, flagged: outliers >= FLAG_SIGNALS, reasons_en, reasons_zh };
  });
  // Isolation forest on the bot-direction z-scores, clipped at 0: on raw signals it also isolated unusual
  // humans (three-minute dwell, many carts) and found none of the injected bots on the default demo.
  const signalRows = scored.map((entry) => Float64Array.from(BROWSING_SIGNALS, (signal) => Math.max(entry.signals[signal].z, 0)));
  const forest = fitIsolationForest(signalRows, { trees: 100, sampleSize: 256, seed: 7 });
  scored.forEach((entry, index) => {
    entry.isolationScore = isolationScore(forest, signalRows[index] as Float64Array);
  });
  scored.sort((left, right) => right.score - left.score || left.session.sessionId - right.session.sessionId);

  const byUser = new Map<number, UserBrowsingAnomaly>();
  for (const entry of scored) {
    const user = byUser.get(entry.session.userId);
    if (!user) byUser.set(entry.session.userId, { userId: entry.session.userId, score: entry.score, flaggedSessions: entry.flagged ? 1 : 0, sessions: 1, worst: entry });
    else {
      user.sessions += 1;
      if (entry.flagged) user.flaggedSessions += 1;
    }
  }
  const users = [...byUser.values()].filter((user) => user.flaggedSessions > 0).sort((left, right) => right.score - left.score || left.userId - right.userId);
  return { sessionsScored: scored.length, sessions: scored, users, typical };
}
