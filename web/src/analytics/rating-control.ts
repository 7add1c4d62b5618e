import type { AnswerReference } from '../../../src/server/web/workspace-api-schemas.ts';
import { h } from '../shared/dom.ts';
import { ApiError } from '../shared/fetch-json.ts';
import { t } from '../shared/i18n.ts';
import type { WorkspaceApi } from './workspace-api.ts';

/**
 * Thumbs up / down (✓ good / ✗ wrong: plain symbols, no emoji font needed) on an answer, saved at once; an optional comment (what was wrong, what the right answer is)
 * can follow and is saved with the same rating. Rated answers are listed on the evals page.
 */
export function ratingControl(options: { api: WorkspaceApi; answer: () => AnswerReference }): HTMLElement {
  let rating: 'up' | 'down' | null = null;
  const status = h('span', { class: 'muted rating-status', role: 'status' });
  const comment = h('textarea', { class: 'rating-comment', rows: 2, maxlength: 2000, i18nAttributes: { 'aria-label': 'rating.commentLabel', placeholder: 'rating.commentPlaceholder' } });
  const saveComment = h('button', { type: 'submit', class: 'secondary', i18n: 'rating.saveComment' });
  const form = h('form', { class: 'rating-form', hidden: true }, comment, saveComment);
  const save = async () => {
    if (!rating) return;
    try {
      await options.api.rate(options.answer(), rating, comment.value);
      status.textContent = t(comment.value.trim() ? 'rating.savedWithComment' : rating === 'up' ? 'rating.savedUp' : 'rating.savedDown');
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : String(error);
    }
  };
  const thumb = (value: 'up' | 'down') =>
    h('button', {
      type: 'button',
      class: `thumb thumb-${value}`,
      'aria-pressed': 'false',
      i18n: value === 'up' ? 'rating.up' : 'rating.down',
      onClick: async (event: Event) => {
        rating = value;
        for (const button of (event.currentTarget as HTMLElement).parentElement?.querySelectorAll('.thumb') ?? []) button.setAttribute('aria-pressed', String(button === event.currentTarget));
        form.hidden = false;
        await save();
      },
    });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  return h('div', { class: 'rating-control', role: 'group', i18nAttributes: { 'aria-label': 'rating.group' } }, h('span', { class: 'thumbs' }, thumb('up'), thumb('down')), form, status);
}
