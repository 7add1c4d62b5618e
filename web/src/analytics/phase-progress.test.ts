import { describe, expect, it } from 'vitest';
import { phaseStates } from './phase-progress.ts';

describe('phaseStates', () => {
  it('marks phases before the furthest reached done, that one active, later ones pending', () => {
    expect(phaseStates(2, false, new Set())).toEqual({ understanding: 'done', planning: 'done', sql: 'active', running: 'pending', chart: 'pending', narrative: 'pending' });
    expect(phaseStates(-1, false, new Set()).understanding).toBe('pending');
  });

  it('once finished, shows only the phases that applied (a refusal has no SQL, a single number no chart)', () => {
    const states = phaseStates(5, true, new Set(['understanding', 'planning', 'narrative'] as const));
    expect(states).toEqual({ understanding: 'done', planning: 'done', sql: 'skipped', running: 'skipped', chart: 'skipped', narrative: 'done' });
  });
});
