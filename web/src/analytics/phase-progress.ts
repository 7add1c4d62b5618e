import { h } from '../shared/dom.ts';
import type { MessageKey } from '../shared/i18n.ts';

/** The phases an analytics run reports, in order (src/agent/agent-events.ts). */
export const PHASES = ['understanding', 'planning', 'sql', 'running', 'chart', 'narrative'] as const;
export type Phase = (typeof PHASES)[number];

export type PhaseState = 'pending' | 'active' | 'done' | 'skipped';

/** Steps longer than this show their elapsed time (issue 12: anything over 2 s must not look stuck). */
export const SLOW_STEP_MS = 2000;

/**
 * States of every phase. While running, phases before the furthest one reached count as done (the agent reports
 * only some phases; reaching "running" means it has planned and built its query). Once finished, the answer says
 * which phases applied: no SQL means sql/running were skipped, no chart means chart was.
 */
export function phaseStates(reached: number, finished: boolean, applicable: ReadonlySet<Phase>): Record<Phase, PhaseState> {
  const states = {} as Record<Phase, PhaseState>;
  PHASES.forEach((phase, position) => {
    if (finished) states[phase] = applicable.has(phase) ? 'done' : 'skipped';
    else if (position < reached) states[phase] = 'done';
    else if (position === reached) states[phase] = 'active';
    else states[phase] = 'pending';
  });
  return states;
}

/**
 * A stepper of the run's phases plus a line per tool call. Fed by phase-change events and by what other events
 * imply (a tool call means planning is over; streamed text means the narrative is being written); never moves back.
 */
export class PhaseProgress {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly tools: HTMLUListElement;
  private reached = -1;
  private finished: ReadonlySet<Phase> | null = null;
  /** When each running tool call started, for the elapsed time shown once a step takes longer than SLOW_STEP_MS. */
  private readonly started = new Map<string, number>();
  private ticker: ReturnType<typeof setInterval> | undefined;

  /** `onCancel`: offered as a button on any step that runs longer than SLOW_STEP_MS. */
  constructor(private readonly onCancel?: () => void) {
    this.list = h(
      'ol',
      { class: 'phases' },
      PHASES.map((phase) => h('li', { 'data-phase': phase, 'data-state': 'pending' }, h('span', { i18n: `phase.${phase}` as MessageKey }))),
    );
    this.tools = h('ul', { class: 'tool-calls' });
    this.element = h('div', { class: 'progress' }, this.list, this.tools);
  }

  /** Returns whether this moved the stepper forward (unknown phase names are ignored). */
  reach(phase: string): boolean {
    const index = PHASES.indexOf(phase as Phase);
    if (index <= this.reached || this.finished) return false;
    this.reached = index;
    this.render();
    return true;
  }

  toolStarted(callId: string, toolName: string): void {
    this.reach('running');
    this.tools.append(h('li', { 'data-call': callId, 'data-state': 'running' }, h('code', null, toolName), ' ', h('span', { class: 'tool-status', i18n: 'tool.running' })));
    this.started.set(callId, performance.now());
    this.ticker ??= setInterval(() => this.showElapsed(), 500);
  }

  /** A step running longer than SLOW_STEP_MS without its own progress shows how long it has been running. */
  private showElapsed(): void {
    const now = performance.now();
    for (const [callId, startedAt] of this.started) {
      const line = this.tools.querySelector<HTMLElement>(`li[data-call="${CSS.escape(callId)}"]`);
      if (!line || line.dataset.state !== 'running' || now - startedAt < SLOW_STEP_MS) continue;
      if (this.onCancel && !line.querySelector('.tool-cancel')) {
        const onCancel = this.onCancel;
        const button = h('button', { type: 'button', class: 'tool-cancel', i18n: 'tool.cancel' });
        button.addEventListener('click', () => {
          button.disabled = true;
          onCancel();
        });
        line.append(' ', button);
      }
      if (line.dataset.training === 'true') continue;
      line.querySelector('.tool-status')?.replaceWith(
        h('span', { class: 'tool-status', i18n: 'tool.runningFor', i18nParameters: { seconds: ((now - startedAt) / 1000).toFixed(0) } }),
      );
    }
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** A model training inside the tool: its phase, percent and elapsed time, replacing "running…". */
  toolProgress(callId: string, phase: string, percent: number, elapsedMs: number): void {
    const line = this.tools.querySelector<HTMLElement>(`li[data-call="${CSS.escape(callId)}"]`);
    if (!line || line.dataset.state !== 'running') return;
    line.dataset.training = 'true';
    line.querySelector('.tool-status')?.replaceWith(
      h('span', { class: 'tool-status', i18n: 'tool.training', i18nParameters: { phase, percent: Math.round(percent), seconds: (elapsedMs / 1000).toFixed(1) } }),
    );
  }

  toolFinished(callId: string, ok: boolean, elapsedMs: number): void {
    const line = this.tools.querySelector<HTMLElement>(`li[data-call="${CSS.escape(callId)}"]`);
    if (!line) return;
    line.dataset.state = ok ? 'ok' : 'failed';
    line.querySelector('.tool-cancel')?.remove();
    this.started.delete(callId);
    if (this.started.size === 0) this.stopTicker();
    line.querySelector('.tool-status')?.replaceWith(h('span', { class: 'tool-status', i18n: ok ? 'tool.ok' : 'tool.failed', i18nParameters: { ms: Math.round(elapsedMs) } }));
  }

  /** The run is over: `outcome` says whether it produced SQL and a chart. */
  finish(outcome: { sql: boolean; chart: boolean }): void {
    const applicable = new Set<Phase>(['understanding', 'planning', 'narrative']);
    if (outcome.sql) {
      applicable.add('sql');
      applicable.add('running');
    }
    if (outcome.chart) applicable.add('chart');
    this.finished = applicable;
    // The answer is here: no line may keep saying "running" or "training".
    this.stopTicker();
    for (const line of this.tools.querySelectorAll<HTMLElement>('li[data-state="running"]')) {
      line.dataset.state = 'stopped';
      line.querySelector('.tool-cancel')?.remove();
      line.querySelector('.tool-status')?.replaceWith(h('span', { class: 'tool-status', i18n: 'tool.stopped' }));
    }
    this.started.clear();
    this.render();
  }

  private render(): void {
    const states = phaseStates(this.reached, this.finished !== null, this.finished ?? new Set());
    for (const item of this.list.querySelectorAll<HTMLElement>('li')) {
      const phase = item.dataset.phase as Phase;
      item.dataset.state = states[phase];
      if (states[phase] === 'active') item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    }
  }
}
