import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type EvalRoute } from './evals-page.ts';

describe('eval viewer routes', () => {
  it('round-trips every view through the URL fragment', () => {
    const routes: EvalRoute[] = [
      { view: 'runs' },
      { view: 'run', runId: '2026-01-01T00-00-00-000Z-auto' },
      { view: 'question', runId: 'r1', questionId: 'lookup-gmv-zh' },
      { view: 'compare', base: 'r1', other: 'r2' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('treats an empty or unknown fragment as the run list', () => {
    expect(parseRoute('')).toEqual({ view: 'runs' });
    expect(parseRoute('#whatever=1')).toEqual({ view: 'runs' });
  });
});
