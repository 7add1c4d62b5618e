import { describe, expect, it } from 'vitest';
import { quintileScores } from './quintile-score.ts';
import { scoreRfm } from './rfm-scores.ts';
import { HAND_CUSTOMERS, HAND_EXPECTED } from './rfm-hand-fixture.ts';
import { frequencyMonetaryScore, RFM_SEGMENTS, rfmSegmentOf } from '../../sql/semantic/catalogue/rfm-segments.ts';

describe('quintile scores', () => {
  it('gives tied values one shared score (the score of their first position)', () => {
    // Six 1s: nobody is worse → 1. The 2: six worse → 1 + floor(30 / 10) = 4; 3: seven worse → 4; 4 → 5; 5 → 5.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 'higher-is-better')).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    // Lower is better: the six 1s have four strictly larger values → 1 + floor(20 / 10) = 3.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 'lower-is-better')).toEqual([3, 3, 3, 3, 3, 3, 2, 2, 1, 1]);
  });

  it('splits distinct values into five equal groups', () => {
    const values = Array.from({ length: 20 }, (_, index) => 20 - index);
    const scores = quintileScores(values, 'higher-is-better');
    for (let score = 1; score <= 5; score++) expect(scores.filter((value) => value === score)).toHaveLength(4);
    expect(scores[0]).toBe(5);
    expect(scores[19]).toBe(1);
  });
});

describe('RFM scoring and segment names', () => {
  it('matches the hand-computed table', () => {
    const scores = scoreRfm(HAND_CUSTOMERS);
    expect(scores.map((score) => [score.userId, score.recencyScore, score.frequencyScore, score.monetaryScore, score.segment])).toEqual(HAND_EXPECTED);
  });

  it('rounds FM half up and names the recent low-value cells new and promising', () => {
    expect([frequencyMonetaryScore(1, 2), frequencyMonetaryScore(4, 5), frequencyMonetaryScore(3, 3)]).toEqual([2, 5, 3]);
    expect(rfmSegmentOf(5, 1, 1)).toBe('new');
    expect(rfmSegmentOf(4, 1, 1)).toBe('promising');
    expect(rfmSegmentOf(2, 1, 1)).toBe('hibernating');
  });

  it('maps every one of the 25 (R, FM) cells to a documented buyer segment, and each of those segments is reachable', () => {
    const reached = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) reached.add(rfmSegmentOf(r, f, m));
    const buyerSegments = RFM_SEGMENTS.map((segment) => segment.id).filter((id) => id !== 'prospects');
    expect([...reached].sort()).toEqual([...buyerSegments].sort());
    for (const segment of RFM_SEGMENTS) expect(segment.name_zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
