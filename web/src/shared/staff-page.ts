import { forgetCredential, loadCredential, saveCredential, type Credential } from './credentials.ts';
import { h } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { pageShell, type PageName } from './page-shell.ts';
import { revokeOnServer } from './sign-out.ts';
import { staffSignIn } from './staff-sign-in.ts';

export interface StaffPageOptions {
  page: PageName;
  title: MessageKey;
  role: 'analyst' | 'agent';
  /** Builds the page once signed in; calls `signOut(reason)` when the server refuses the credential. */
  mount(main: HTMLElement, credential: Credential, signOut: (reason: string) => void): void;
}

/**
 * The frame every staff page shares (analytics, agent console, eval viewer): sign in for the role, show who is
 * signed in with a sign-out button, and return to the sign-in form when the server refuses the credential.
 */
export function startStaffPage(options: StaffPageOptions): void {
  const { main, actions } = pageShell(options.page, options.title);
  const start = (credential: Credential | null, problem?: string): void => {
    actions.replaceChildren();
    if (!credential) {
      main.replaceChildren(
        staffSignIn({
          role: options.role,
          problem,
          onSignedIn: (signedIn) => {
            saveCredential(options.role, signedIn);
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
        onClick: async () => {
          forgetCredential(options.role);
          await revokeOnServer(credential);
          location.reload();
        },
      }),
    );
    options.mount(main, credential, (reason) => {
      forgetCredential(options.role);
      start(null, reason);
    });
  };
  start(loadCredential(options.role));
}
