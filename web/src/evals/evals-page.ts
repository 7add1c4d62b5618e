import {
  EvalQuestionResponseSchema,
  EvalRunDetailResponseSchema,
  EvalRunListResponseSchema,
  type EvalRunDetailResponse,
  type EvalRunOverview,
  type Tally,
} from '../../../src/server/web/web-api-schemas.ts';
import type { Credential } from '../shared/credentials.ts';
import { focusWithoutScroll, h, replaceChildren } from '../shared/dom.ts';
import { ApiError, fetchJson } from '../shared/fetch-json.ts';
import { currentLanguage, onLanguageChange, t } from '../shared/i18n.ts';
import { accuracyMatrix, distinctValues, filterQuestions, NO_FILTER, percentText, type QuestionFilter } from './question-filter.ts';
import { questionView } from './question-view.ts';
import { RatedAnswersSection } from './rated-answers.ts';
import { compareRuns, type VerdictChange } from './run-compare.ts';

/** The view is in the URL fragment, so every run, question and comparison has a link that survives a reload. */
export type EvalRoute = { view: 'runs' } | { view: 'run'; runId: string } | { view: 'question'; runId: string; questionId: string } | { view: 'compare'; base: string; other: string };

export function parseRoute(hash: string): EvalRoute {
  const parameters = new URLSearchParams(hash.replace(/^#/, ''));
  const runId = parameters.get('run');
  const questionId = parameters.get('question');
  const base = parameters.get('base');
  const other = parameters.get('compare');
  if (base && other) return { view: 'compare', base, other };
  if (runId && questionId) return { view: 'question', runId, questionId };
  if (runId) return { view: 'run', runId };
  return { view: 'runs' };
}

export function routeHash(route: EvalRoute): string {
  const parameters = new URLSearchParams();
  if (route.view === 'run' || route.view === 'question') parameters.set('run', route.runId);
  if (route.view === 'question') parameters.set('question', route.questionId);
  if (route.view === 'compare') {
    parameters.set('base', route.base);
    parameters.set('compare', route.other);
  }
  return `#${parameters.toString()}`;
}

function tallyText(tally: Tally | undefined): string {
  return tally ? `${percentText(tally)} (${tally.passed}/${tally.total})` : '–';
}

/** The eval viewer on /evals: runs, one run's accuracy and questions with filters, one transcript, two runs compared. */
export class EvalsPage {
  private runs: EvalRunOverview[] = [];
  private readonly details = new Map<string, EvalRunDetailResponse>();
  private filter: QuestionFilter = { ...NO_FILTER };
  private readonly content = h('div', { class: 'evals-content' });

  constructor(
    private readonly main: HTMLElement,
    private readonly credential: Credential,
    private readonly onSignedOut: (problem: string) => void,
  ) {
    const rated = new RatedAnswersSection(credential);
    replaceChildren(main, h('h1', { i18n: 'evals.title' }), this.content, rated.element);
    void rated.show();
    window.addEventListener('hashchange', () => void this.show());
    onLanguageChange(() => void this.show());
    void this.show();
  }

  private async load<Value>(work: () => Promise<Value>): Promise<Value | null> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.onSignedOut(t('signIn.refused', { message: error.message }));
        return null;
      }
      replaceChildren(this.content, h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)), h('p', null, h('a', { href: '#', i18n: 'evals.allRuns' })));
      return null;
    }
  }

  private async detail(runId: string): Promise<EvalRunDetailResponse> {
    const cached = this.details.get(runId);
    if (cached) return cached;
    const detail = await fetchJson(`/api/evals/runs/${encodeURIComponent(runId)}`, EvalRunDetailResponseSchema, { credential: this.credential });
    this.details.set(runId, detail);
    return detail;
  }

  async show(): Promise<void> {
    const route = parseRoute(location.hash);
    if (this.runs.length === 0 || route.view === 'runs') {
      const list = await this.load(() => fetchJson('/api/evals/runs', EvalRunListResponseSchema, { credential: this.credential }));
      if (!list) return;
      this.runs = list.runs;
      if (route.view === 'runs') {
        this.renderRuns(list.skipped);
        return;
      }
    }
    if (route.view === 'run') {
      const detail = await this.load(() => this.detail(route.runId));
      if (detail) this.renderRun(detail);
    } else if (route.view === 'question') {
      const response = await this.load(() =>
        fetchJson(`/api/evals/runs/${encodeURIComponent(route.runId)}/questions/${encodeURIComponent(route.questionId)}`, EvalQuestionResponseSchema, { credential: this.credential }),
      );
      if (!response) return;
      replaceChildren(this.content, questionView(response.question, routeHash({ view: 'run', runId: route.runId })));
      focusWithoutScroll(this.content.querySelector<HTMLElement>('#question-heading'));
    } else if (route.view === 'compare') {
      const both = await this.load(() => Promise.all([this.detail(route.base), this.detail(route.other)]));
      if (both) this.renderComparison(both[0], both[1]);
    }
  }

  private renderRuns(skipped: { runId: string; reason: string }[]): void {
    const language = currentLanguage();
    const languages = [...new Set(this.runs.flatMap((run) => Object.keys(run.byLanguage)))].sort();
    if (this.runs.length === 0) {
      replaceChildren(this.content, h('p', { class: 'empty-state', i18n: 'evals.noRuns' }));
      return;
    }
    const baseSelect = h('select', { id: 'compare-base' }, this.runs.map((run, index) => h('option', { value: run.runId, selected: index === 1 }, run.runId)));
    const otherSelect = h('select', { id: 'compare-other' }, this.runs.map((run, index) => h('option', { value: run.runId, selected: index === 0 }, run.runId)));
    replaceChildren(
      this.content,
      h('h2', { i18n: 'evals.runs' }),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'result-table runs-table' },
          h('caption', { class: 'visually-hidden', i18n: 'evals.runs' }),
          h(
            'thead',
            null,
            h('tr', null, h('th', { scope: 'col', i18n: 'evals.run' }), h('th', { scope: 'col', i18n: 'evals.started' }), h('th', { scope: 'col', i18n: 'evals.planner' }), h('th', { scope: 'col', class: 'numeric', i18n: 'evals.overall' }), languages.map((code) => h('th', { scope: 'col', class: 'numeric' }, code))),
          ),
          h(
            'tbody',
            null,
            this.runs.map((run) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, h('a', { href: routeHash({ view: 'run', runId: run.runId }) }, run.runId)),
                h('td', null, new Date(run.startedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en')),
                h('td', null, run.planner),
                h('td', { class: 'numeric' }, tallyText(run.overall)),
                languages.map((code) => h('td', { class: 'numeric' }, tallyText(run.byLanguage[code]))),
              ),
            ),
          ),
        ),
      ),
      skipped.length > 0 ? h('details', null, h('summary', null, t('evals.skipped', { count: skipped.length })), h('ul', null, skipped.map((entry) => h('li', null, `${entry.runId}: ${entry.reason}`)))) : null,
      h(
        'form',
        {
          class: 'compare-form card',
          onSubmit: (event: Event) => {
            event.preventDefault();
            location.hash = routeHash({ view: 'compare', base: baseSelect.value, other: otherSelect.value });
          },
        },
        h('h2', { i18n: 'evals.compareHeading' }),
        h('label', { for: 'compare-base', i18n: 'evals.baseRun' }),
        baseSelect,
        h('label', { for: 'compare-other', i18n: 'evals.otherRun' }),
        otherSelect,
        h('button', { type: 'submit', class: 'primary', i18n: 'evals.compare' }),
      ),
    );
  }

  private renderRun(detail: EvalRunDetailResponse): void {
    const { run, questions } = detail;
    const matrix = accuracyMatrix(questions);
    const questionTable = h('div', { class: 'question-table' });
    const renderQuestions = () => {
      const shown = filterQuestions(questions, this.filter);
      replaceChildren(
        questionTable,
        h('p', { class: 'muted', role: 'status' }, t('evals.showing', { shown: shown.length, total: questions.length })),
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'result-table' },
            h('caption', { class: 'visually-hidden', i18n: 'evals.questions' }),
            h('thead', null, h('tr', null, ['evals.question', 'evals.language', 'evals.shape', 'evals.planner', 'evals.verdict', 'evals.agentTime'].map((key) => h('th', { scope: 'col', class: key === 'evals.agentTime' ? 'numeric' : undefined, i18n: key as never })))),
            h(
              'tbody',
              null,
              shown.map((entry) =>
                h(
                  'tr',
                  { 'data-question': entry.id },
                  h('th', { scope: 'row' }, h('a', { href: routeHash({ view: 'question', runId: run.runId, questionId: entry.id }) }, entry.question || entry.id), h('div', { class: 'muted small' }, entry.id)),
                  h('td', null, entry.language),
                  h('td', null, entry.shape),
                  h('td', null, entry.planner),
                  h('td', null, h('span', { class: entry.passed ? 'badge pass' : 'badge fail' }, entry.passed ? t('evals.passed') : t('evals.failed')), entry.passed ? null : h('div', { class: 'muted small' }, entry.reason)),
                  h('td', { class: 'numeric' }, entry.agentMs === null ? '–' : `${entry.agentMs} ms`),
                ),
              ),
            ),
          ),
        ),
      );
    };
    const select = (id: string, label: 'evals.language' | 'evals.shape' | 'evals.planner' | 'evals.verdict', options: { value: string; text: string }[], current: string, apply: (value: string) => void) =>
      h(
        'div',
        { class: 'filter' },
        h('label', { for: id, i18n: label }),
        h(
          'select',
          { id, onChange: (event: Event) => (apply((event.target as HTMLSelectElement).value), renderQuestions()) },
          options.map((option) => h('option', { value: option.value, selected: option.value === current }, option.text)),
        ),
      );
    const everything = { value: '', text: t('evals.any') };
    const filters = h(
      'form',
      { class: 'filters', role: 'search', onSubmit: (event: Event) => event.preventDefault() },
      select('filter-verdict', 'evals.verdict', [{ value: 'all', text: t('evals.any') }, { value: 'passed', text: t('evals.passed') }, { value: 'failed', text: t('evals.failed') }], this.filter.verdict, (value) => (this.filter.verdict = value as QuestionFilter['verdict'])),
      select('filter-language', 'evals.language', [everything, ...distinctValues(questions, 'language').map((value) => ({ value, text: value }))], this.filter.language, (value) => (this.filter.language = value)),
      select('filter-shape', 'evals.shape', [everything, ...distinctValues(questions, 'shape').map((value) => ({ value, text: value }))], this.filter.shape, (value) => (this.filter.shape = value)),
      select('filter-planner', 'evals.planner', [everything, ...distinctValues(questions, 'planner').map((value) => ({ value, text: value }))], this.filter.planner, (value) => (this.filter.planner = value)),
      h(
        'div',
        { class: 'filter' },
        h('label', { for: 'filter-text', i18n: 'evals.search' }),
        h('input', { id: 'filter-text', type: 'search', value: this.filter.text, onInput: (event: Event) => ((this.filter.text = (event.target as HTMLInputElement).value), renderQuestions()) }),
      ),
    );
    replaceChildren(
      this.content,
      h('p', null, h('a', { href: '#', i18n: 'evals.allRuns' })),
      h('h2', { id: 'run-heading', tabindex: '-1' }, run.runId),
      h(
        'p',
        { class: 'muted' },
        t('evals.runMeta', { planner: run.planner, median: Math.round(run.agentMs.median), p95: Math.round(run.agentMs.p95), count: run.questionCount }),
        Object.keys(run.filters).length > 0 ? ` · ${Object.entries(run.filters).map(([key, value]) => `${key}=${value}`).join(', ')}` : '',
      ),
      h(
        'ul',
        { class: 'stat-cards' },
        h('li', { class: 'card' }, h('span', { class: 'stat-label', i18n: 'evals.overall' }), h('span', { class: 'stat-value' }, percentText(run.overall)), h('span', { class: 'muted' }, `${run.overall.passed}/${run.overall.total}`)),
        Object.entries(run.byLanguage).map(([code, tally]) => h('li', { class: 'card' }, h('span', { class: 'stat-label' }, code), h('span', { class: 'stat-value' }, percentText(tally)), h('span', { class: 'muted' }, `${tally.passed}/${tally.total}`))),
      ),
      h('h3', { i18n: 'evals.byShape' }),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'result-table accuracy-matrix' },
          h('caption', { class: 'visually-hidden', i18n: 'evals.byShape' }),
          h('thead', null, h('tr', null, h('th', { scope: 'col', i18n: 'evals.shape' }), matrix.languages.map((code) => h('th', { scope: 'col', class: 'numeric' }, code)), h('th', { scope: 'col', class: 'numeric', i18n: 'evals.overall' }))),
          h(
            'tbody',
            null,
            matrix.rows.map((row) =>
              h(
                'tr',
                { 'data-below': row.total.accuracy < 0.9 ? 'true' : undefined },
                h('th', { scope: 'row' }, row.shape),
                matrix.languages.map((code) => h('td', { class: 'numeric' }, tallyText(row.cells[code]))),
                h('td', { class: 'numeric' }, tallyText(row.total)),
              ),
            ),
          ),
        ),
      ),
      Object.keys(run.byPlanner).length > 0 ? h('p', null, h('strong', { i18n: 'evals.byPlanner' }), ' ', Object.entries(run.byPlanner).map(([planner, tally]) => `${planner} ${tallyText(tally)}`).join(' · ')) : null,
      Object.keys(run.byTool).length > 0 ? h('p', null, h('strong', { i18n: 'evals.byTool' }), ' ', Object.entries(run.byTool).map(([tool, tally]) => `${tool} ${tallyText(tally)}`).join(' · ')) : null,
      h('h3', { i18n: 'evals.questions' }),
      filters,
      questionTable,
    );
    renderQuestions();
  }

  private renderComparison(base: EvalRunDetailResponse, other: EvalRunDetailResponse): void {
    const comparison = compareRuns(base.questions, other.questions);
    const changeList = (changes: VerdictChange[], emptyKey: 'evals.noneFixed' | 'evals.noneRegressed' | 'evals.noneMoved') =>
      changes.length === 0
        ? h('p', { class: 'muted', i18n: emptyKey })
        : h(
            'ul',
            { class: 'change-list' },
            changes.map((change) =>
              h(
                'li',
                { 'data-question': change.id },
                h('a', { href: routeHash({ view: 'question', runId: other.run.runId, questionId: change.id }) }, change.question || change.id),
                h('span', { class: 'muted small' }, ` ${change.id} · ${change.language} · ${change.shape} · ${change.before.reason} → ${change.after.reason}`),
              ),
            ),
          );
    replaceChildren(
      this.content,
      h('p', null, h('a', { href: '#', i18n: 'evals.allRuns' })),
      h('h2', { id: 'compare-heading', tabindex: '-1' }, t('evals.comparing', { base: base.run.runId, other: other.run.runId })),
      h('p', null, t('evals.compareSummary', { before: tallyText(base.run.overall), after: tallyText(other.run.overall), passing: comparison.unchanged.passing, failing: comparison.unchanged.failing })),
      h('h3', null, t('evals.regressed', { count: comparison.regressed.length })),
      changeList(comparison.regressed, 'evals.noneRegressed'),
      h('h3', null, t('evals.fixed', { count: comparison.fixed.length })),
      changeList(comparison.fixed, 'evals.noneFixed'),
      h('h3', null, t('evals.reasonChanged', { count: comparison.reasonChanged.length })),
      changeList(comparison.reasonChanged, 'evals.noneMoved'),
      comparison.added.length > 0 ? h('p', null, t('evals.added', { count: comparison.added.length }), ' ', comparison.added.map((entry) => entry.id).join(', ')) : null,
      comparison.removed.length > 0 ? h('p', null, t('evals.removed', { count: comparison.removed.length }), ' ', comparison.removed.map((entry) => entry.id).join(', ')) : null,
    );
    focusWithoutScroll(this.content.querySelector<HTMLElement>('#compare-heading'));
  }
}
