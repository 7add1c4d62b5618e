import '../shared/styles.css';
import { startStaffPage } from '../shared/staff-page.ts';
import { AgentConsole } from './agent-console.ts';

startStaffPage({
  page: 'agents',
  title: 'agents.title',
  role: 'agent',
  mount: (main, credential, signOut) => new AgentConsole(main, credential, signOut),
});
