import '../shared/styles.css';
import { forgetCredential, loadCredential, saveCredential, type Credential } from '../shared/credentials.ts';
import { h } from '../shared/dom.ts';
import { pageShell } from '../shared/page-shell.ts';
import { staffSignIn } from '../shared/staff-sign-in.ts';
import { AnalyticsPage } from './analytics-page.ts';

const { main, actions } = pageShell('analytics', 'analytics.title');

function start(credential: Credential | null, problem?: string): void {
  actions.replaceChildren();
  if (!credential) {
    main.replaceChildren(
      staffSignIn({
        role: 'analyst',
        problem,
        onSignedIn: (signedIn) => {
          saveCredential('analyst', signedIn);
          start(signedIn);
        },
      }),
    );
    return;
  }
  actions.append(
    h('span', { class: 'signed-in-as' }, credential.label),
    h('button', {
      type: 'button',
      class: 'link-button',
      i18n: 'signIn.signOut',
      onClick: () => {
        forgetCredential('analyst');
        location.reload();
      },
    }),
  );
  new AnalyticsPage(main, credential, (reason) => {
    forgetCredential('analyst');
    start(null, reason);
  });
}

start(loadCredential('analyst'));
performance.mark('shoplens-analytics-ready');
