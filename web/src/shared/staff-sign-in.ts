import { DemoTokenResponseSchema } from '../../../src/server/web/web-api-schemas.ts';
import { credentialFromPaste, subjectOfToken, type Credential } from './credentials.ts';
import { focusWithoutScroll, h } from './dom.ts';
import { fetchJson } from './fetch-json.ts';
import { t } from './i18n.ts';
import { loadWebConfig } from './web-config.ts';

/**
 * Sign-in for analysts and human agents: paste a token from `shoplens token --analyst|--agent` (or the API key,
 * analysts only), or, on a demo server (SHOPLENS_DEMO_LOGIN=1), continue as the demo user.
 */
export function staffSignIn(options: { role: 'analyst' | 'agent'; problem?: string; onSignedIn(credential: Credential): void }): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' }, options.problem ?? '');
  const input = h('input', { id: 'sign-in-secret', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const demo = h('div', { class: 'demo-sign-in' });
  const form = h(
    'form',
    {
      class: 'card sign-in',
      'aria-labelledby': 'sign-in-heading',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const credential = credentialFromPaste(input.value);
        if (options.role === 'agent' && credential.kind !== 'token') {
          error.textContent = t('signIn.agentNeedsToken');
          return;
        }
        options.onSignedIn(credential);
      },
    },
    h('h1', { id: 'sign-in-heading', i18n: 'signIn.heading' }),
    h('p', { i18n: options.role === 'analyst' ? 'signIn.analystHelp' : 'signIn.agentHelp' }),
    h('label', { for: 'sign-in-secret', i18n: options.role === 'analyst' ? 'signIn.tokenOrKey' : 'signIn.token' }),
    input,
    h('button', { type: 'submit', i18n: 'signIn.submit' }),
    demo,
    error,
  );
  void loadWebConfig().then((config) => {
    if (!config.demoLogin) return;
    demo.append(
      h('p', { class: 'muted', i18n: 'signIn.demoAvailable' }),
      h('button', {
        type: 'button',
        class: 'secondary',
        i18n: options.role === 'analyst' ? 'signIn.demoAnalyst' : 'signIn.demoAgent',
        onClick: async () => {
          try {
            const { token } = await fetchJson('/api/web/demo/token', DemoTokenResponseSchema, { method: 'POST', body: { role: options.role } });
            options.onSignedIn({ kind: 'token', value: token, label: subjectOfToken(token) ?? options.role });
          } catch (failure) {
            error.textContent = failure instanceof Error ? failure.message : String(failure);
          }
        },
      }),
    );
  });
  queueMicrotask(() => focusWithoutScroll(input));
  return form;
}
