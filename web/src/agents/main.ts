import '../shared/styles.css';
import { forgetCredential, loadCredential, saveCredential, type Credential } from '../shared/credentials.ts';
import { h } from '../shared/dom.ts';
import { pageShell } from '../shared/page-shell.ts';
import { staffSignIn } from '../shared/staff-sign-in.ts';
import { AgentConsole } from './agent-console.ts';

const { main, actions } = pageShell('agents', 'agents.title');

function start(credential: Credential | null, problem?: string): void {
  actions.replaceChildren();
  if (!credential) {
    main.replaceChildren(
      staffSignIn({
        role: 'agent',
        problem,
        onSignedIn: (signedIn) => {
          saveCredential('agent', signedIn);
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
        forgetCredential('agent');
        location.reload();
      },
    }),
  );
  new AgentConsole(main, credential, (reason) => {
    forgetCredential('agent');
    start(null, reason);
  });
}

start(loadCredential('agent'));
