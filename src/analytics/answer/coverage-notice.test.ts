import { describe, expect, it } from 'vitest';
import { coverageNotice } from './coverage-notice.ts';

const WINDOW = { start: '2025-09-02', asOf: '2025-11-30' };

describe('coverageNotice', () => {
  it('says which days of a partly covered period the numbers are for, in either language', () => {
    expect(coverageNotice({ start: '2025-01-01', end: '2025-11-30' }, undefined, WINDOW, 'en')).toBe(
      'The data covers only 2025-09-02 to 2025-11-30 of 2025-01-01 to 2025-11-30 (the warehouse holds 2025-09-02 to 2025-11-30); the numbers below are for those days.',
    );
    expect(coverageNotice({ start: '2025-01-01', end: '2025-11-30' }, undefined, WINDOW, 'zh')).toContain('以下数字只含这几天');
  });

  it('warns that a partly covered comparison period is not like for like', () => {
    const notice = coverageNotice({ start: '2025-09-08', end: '2025-09-14' }, { start: '2025-09-01', end: '2025-09-07' }, WINDOW, 'en');
    expect(notice).toContain('Only 2025-09-02 to 2025-09-07 of the comparison period 2025-09-01 to 2025-09-07 has data');
  });

  it('says nothing when the data covers the periods, or when a period lies wholly outside it (answered elsewhere)', () => {
    expect(coverageNotice({ start: '2025-11-17', end: '2025-11-23' }, { start: '2025-11-10', end: '2025-11-16' }, WINDOW, 'en')).toBeUndefined();
    expect(coverageNotice({ start: '2025-09-02', end: '2025-11-30' }, { start: '2025-08-01', end: '2025-08-31' }, WINDOW, 'en')).toBeUndefined();
  });
});
