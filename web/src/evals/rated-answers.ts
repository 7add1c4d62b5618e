import { GoldenResponseSchema, RatedAnswerListResponseSchema, type RatedAnswer } from '../../../src/server/web/workspace-api-schemas.ts';
import type { Credential } from '../shared/credentials.ts';
import { h, replaceChildren } from '../shared/dom.ts';
import { ApiError, fetchJson } from '../shared/fetch-json.ts';
import { t } from '../shared/i18n.ts';

/**
 * The team's rated answers on the evals page, newest first. An answer rated good that has SQL (typically one an
 * analyst corrected with Edit SQL) becomes a golden question with one click: the server runs the SQL for the expected rows and writes
 * evals/rated/<id>.yaml in the golden format.
 */
export class RatedAnswersSection {
  readonly element = h('section', { class: 'rated-answers', 'aria-labelledby': 'rated-heading' });

  constructor(private readonly credential: Credential) {}

  async show(): Promise<void> {
    try {
      const { ratings } = await fetchJson('/api/web/ratings', RatedAnswerListResponseSchema, { credential: this.credential });
      this.render(ratings);
    } catch (error) {
      replaceChildren(this.element, h('h2', { id: 'rated-heading', i18n: 'rated.title' }), h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    }
  }

  private render(ratings: RatedAnswer[]): void {
    const heading = h('h2', { id: 'rated-heading', i18n: 'rated.title' });
    if (ratings.length === 0) {
      replaceChildren(this.element, heading, h('p', { class: 'muted', i18n: 'rated.none' }));
      return;
    }
    const rows = ratings.map((rating) => this.row(rating));
    replaceChildren(
      this.element,
      heading,
      h('p', { class: 'muted', i18n: 'rated.help' }),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'result-table rated-table' },
          h('caption', { class: 'visually-hidden', i18n: 'rated.title' }),
          h('thead', null, h('tr', null, ['rated.rating', 'rated.question', 'rated.comment', 'rated.analyst', 'rated.golden'].map((key) => h('th', { scope: 'col', i18n: key as 'rated.rating' })))),
          h('tbody', null, rows),
        ),
      ),
    );
  }

  private row(rating: RatedAnswer): HTMLElement {
    const golden = h('td', { class: 'golden-cell' });
    const showGolden = (current: RatedAnswer) => {
      if (current.goldenId) {
        replaceChildren(golden, h('span', { class: 'golden-done', i18n: 'rated.goldenDone', i18nParameters: { file: current.goldenFile ?? '' } }));
        return;
      }
      if (current.rating === 'down') {
        replaceChildren(golden, h('span', { class: 'muted', i18n: 'rated.correctFirst' }));
        return;
      }
      if (!current.sql) {
        replaceChildren(golden, h('span', { class: 'muted', i18n: 'rated.noSql' }));
        return;
      }
      const problem = h('span', { class: 'error', role: 'alert' });
      const button = h('button', {
        type: 'button',
        class: 'secondary make-golden',
        i18n: 'rated.makeGolden',
        onClick: async () => {
          button.disabled = true;
          problem.textContent = '';
          try {
            const made = await fetchJson(`/api/web/ratings/${encodeURIComponent(current.ratingId)}/golden`, GoldenResponseSchema, { credential: this.credential, method: 'POST', body: {} });
            showGolden(made.rating);
          } catch (error) {
            problem.textContent = error instanceof ApiError ? error.message : String(error);
            button.disabled = false;
          }
        },
      });
      replaceChildren(golden, button, problem);
    };
    showGolden(rating);
    return h(
      'tr',
      { 'data-rating': rating.ratingId },
      h('td', null, h('span', { class: `rating-${rating.rating}`, i18n: rating.rating === 'up' ? 'rated.up' : 'rated.down' })),
      h('td', null, rating.question, rating.edited ? [' ', h('span', { class: 'badge edited-badge', i18n: 'answer.editedBadge' })] : null),
      h('td', null, rating.comment ?? ''),
      h('td', null, rating.analyst),
      golden,
    );
  }
}
