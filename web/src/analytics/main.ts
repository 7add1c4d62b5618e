import '../shared/styles.css';
import { startStaffPage } from '../shared/staff-page.ts';
import { AnalyticsPage } from './analytics-page.ts';

startStaffPage({
  page: 'analytics',
  title: 'analytics.title',
  role: 'analyst',
  mount: (main, credential, signOut) => new AnalyticsPage(main, credential, signOut),
});
performance.mark('shoplens-analytics-ready');
