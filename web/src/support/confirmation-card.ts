import { focusWithoutScroll, h } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import type { ConfirmationAction } from '../../../src/server/protocol.ts';

const ANSWERED_KEY = 'shoplens.support.answeredConfirmations';

function answeredConfirmations(): Record<string, boolean> {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(ANSWERED_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

function rememberAnswer(confirmationId: string, confirm: boolean): void {
  try {
    sessionStorage.setItem(ANSWERED_KEY, JSON.stringify({ ...answeredConfirmations(), [confirmationId]: confirm }));
  } catch {
    // The server still answers a second click with the first answer's result.
  }
}

/**
 * A write the bot wants the shopper to confirm (cancel an order, change an address …): the summary, when it
 * expires, and Confirm / Cancel. One answer only; after a reload the card remembers it for this tab.
 */
export function confirmationCard(
  confirmation: { confirmationId: string; summary: string; expiresAt: string; action?: ConfirmationAction },
  answer: (confirm: boolean) => Promise<boolean>,
): HTMLElement {
  const status = h('p', { class: 'confirmation-status', role: 'status' });
  // Buttons say what they do: "Cancel order" / "Keep order", never an ambiguous "Confirm" / "Cancel".
  const confirmButton = h('button', { type: 'button', class: 'primary', i18n: confirmation.action ? `support.confirm.${confirmation.action}` : 'support.confirm' });
  const cancelButton = h('button', { type: 'button', class: 'secondary', i18n: confirmation.action ? `support.decline.${confirmation.action}` : 'support.cancel' });
  const expires = new Date(confirmation.expiresAt);
  const card = h(
    'div',
    { class: 'confirmation-card', role: 'group', 'aria-label': t('support.confirmationLabel'), 'data-confirmation': confirmation.confirmationId },
    h('p', { class: 'confirmation-summary' }, confirmation.summary),
    Number.isNaN(expires.getTime()) ? null : h('p', { class: 'muted' }, t('support.expires', { time: expires.toLocaleTimeString() })),
    h('div', { class: 'confirmation-actions' }, confirmButton, cancelButton),
    status,
  );
  const settle = (confirm: boolean) => {
    confirmButton.disabled = true;
    cancelButton.disabled = true;
    card.dataset.answered = confirm ? 'confirmed' : 'cancelled';
    status.textContent = t(confirm ? 'support.confirmed' : 'support.declined');
  };
  const previous = answeredConfirmations()[confirmation.confirmationId];
  if (previous !== undefined) settle(previous);
  else if (expires.getTime() < Date.now()) {
    confirmButton.disabled = true;
    cancelButton.disabled = true;
    status.textContent = t('support.expired');
  }
  const choose = async (confirm: boolean) => {
    confirmButton.disabled = true;
    cancelButton.disabled = true;
    status.textContent = t('support.sending');
    if (await answer(confirm)) {
      rememberAnswer(confirmation.confirmationId, confirm);
      settle(confirm);
      focusWithoutScroll(card.closest<HTMLElement>('.support-panel')?.querySelector<HTMLElement>('#support-input'));
    } else {
      confirmButton.disabled = false;
      cancelButton.disabled = false;
      status.textContent = t('support.confirmationFailed');
    }
  };
  confirmButton.addEventListener('click', () => void choose(true));
  cancelButton.addEventListener('click', () => void choose(false));
  return card;
}
