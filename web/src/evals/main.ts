import '../shared/styles.css';
import { startStaffPage } from '../shared/staff-page.ts';
import { EvalsPage } from './evals-page.ts';

// Eval transcripts hold SQL and result rows, so the viewer uses the analyst sign-in (shared with the chat page).
startStaffPage({
  page: 'evals',
  title: 'evals.title',
  role: 'analyst',
  mount: (main, credential, signOut) => new EvalsPage(main, credential, signOut),
});
