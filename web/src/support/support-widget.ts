import { forgetCredential, loadCredential, saveCredential, type Credential } from '../shared/credentials.ts';
import { focusWithoutScroll, h } from '../shared/dom.ts';
import { revokeOnServer } from '../shared/sign-out.ts';
import { shopperSignIn } from './shopper-sign-in.ts';
import { forgetSupportConversation, SupportChat } from './support-chat.ts';

/**
 * The chat bubble and its panel (a non-modal dialog): Escape or × closes it and gives focus back to the bubble.
 * At phone width the panel takes the whole screen.
 */
export function supportWidget(): HTMLElement {
  const body = h('div', { class: 'support-panel-body' });
  const closeButton = h('button', { type: 'button', class: 'icon-button', i18nAttributes: { 'aria-label': 'support.close' } }, '×');
  const panel = h(
    'section',
    { id: 'support-panel', class: 'support-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'support-title', hidden: true },
    h('div', { class: 'support-panel-head' }, h('h2', { id: 'support-title', i18n: 'support.title' }), closeButton),
    body,
  );
  const bubble = h(
    'button',
    { type: 'button', class: 'chat-bubble', 'aria-expanded': 'false', 'aria-controls': 'support-panel', i18nAttributes: { 'aria-label': 'support.open' } },
    h('span', { 'aria-hidden': 'true', class: 'chat-bubble-icon' }),
  );
  let chat: SupportChat | null = null;

  const show = (credential: Credential | null, problem?: string) => {
    chat?.close();
    chat = null;
    if (!credential) {
      body.replaceChildren(
        shopperSignIn({
          problem,
          onSignedIn: (signedIn) => {
            saveCredential('shopper', signedIn);
            forgetSupportConversation();
            show(signedIn);
          },
        }),
      );
      return;
    }
    chat = new SupportChat(credential, {
      signOut: (reason) => {
        forgetCredential('shopper');
        forgetSupportConversation();
        // The shopper chose to sign out (no reason given): the token stops working on the server too.
        if (reason === undefined) void revokeOnServer(credential);
        show(null, reason);
      },
    });
    body.replaceChildren(chat.element);
    chat.focus();
  };

  const open = () => {
    panel.hidden = false;
    bubble.setAttribute('aria-expanded', 'true');
    if (!chat && !body.firstChild) show(loadCredential('shopper'));
    else if (chat) chat.focus();
    else focusWithoutScroll(body.querySelector<HTMLElement>('input, select'));
  };
  const close = () => {
    panel.hidden = true;
    bubble.setAttribute('aria-expanded', 'false');
    focusWithoutScroll(bubble);
  };
  bubble.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  // A shopper who was chatting before a reload finds the chat open where they left it.
  if (loadCredential('shopper')) queueMicrotask(open);
  return h('div', { class: 'support-widget' }, panel, bubble);
}
