import { describe, expect, it } from 'vitest';
import { parseAcknowledgement, parseServerEvent } from './parse-server-event.ts';

const wireMessage = { conversationId: 'c1', seq: 2, role: 'assistant', text: 'Hello', intent: null, createdAt: '2026-01-01T00:00:00.000' };

describe('parseServerEvent', () => {
  it('accepts every well-formed event and keeps its fields', () => {
    const parsed = parseServerEvent({ type: 'message-end', conversationId: 'c1', seq: 2, replay: false, message: wireMessage });
    expect(parsed.ok && parsed.event.type === 'message-end' && parsed.event.message.text).toBe('Hello');
    const phase = parseServerEvent({ type: 'phase-change', conversationId: 'c1', streamId: 's', phase: 'sql' });
    expect(phase.ok && phase.event.type === 'phase-change' && phase.event.phase).toBe('sql');
  });

  it('rejects unknown types and malformed fields with a readable problem', () => {
    expect(parseServerEvent({ type: 'surprise' })).toMatchObject({ ok: false });
    const bad = parseServerEvent({ type: 'message-end', conversationId: 'c1', seq: -1, replay: false, message: wireMessage });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/^message-end: seq/);
    expect(parseServerEvent('nonsense')).toMatchObject({ ok: false, problem: expect.stringContaining('(no type)') });
  });

  it('rejects an answer attachment whose chart is not a valid ECharts spec', () => {
    const chart = { library: 'echarts', kind: 'bar', option: { tooltip: { trigger: 'axis' }, series: [{ type: 'pie', name: 'x', data: [1] }] } };
    expect(parseServerEvent({ type: 'chart', conversationId: 'c1', seq: 3, chart }).ok).toBe(false);
  });
});

describe('parseAcknowledgement', () => {
  it('passes valid acknowledgements through', () => {
    expect(parseAcknowledgement({ ok: true, conversationId: 'c1', seq: 4 })).toEqual({ ok: true, conversationId: 'c1', seq: 4 });
    expect(parseAcknowledgement({ ok: false, code: 'rate_limited', message: 'slow down', retryAfterSeconds: 2 })).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('turns anything else into a failure the page can show', () => {
    expect(parseAcknowledgement(undefined)).toMatchObject({ ok: false, code: 'internal' });
    expect(parseAcknowledgement({ ok: false, code: 'no_such_code', message: 'x' })).toMatchObject({ ok: false, code: 'internal' });
  });
});
