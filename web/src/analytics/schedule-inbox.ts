import { z } from 'zod';
import './schedule-inbox.css';
import type { Credential } from '../shared/credentials.ts';
import { h, replaceChildren } from '../shared/dom.ts';
import { ApiError, fetchJson } from '../shared/fetch-json.ts';
import { currentLanguage, onLanguageChange } from '../shared/i18n.ts';

/* Scheduled questions and their alerts on the analytics page: a "Schedule" form under each answer and a small
 * inbox in the sidebar (firing alerts, each schedule with a Run-now button). Its words live here, in both
 * languages, so the shared message catalogues stay untouched. */

const WORDS = {
  en: {
    inbox: 'Alerts', noAlerts: 'No new alerts.', schedules: 'Scheduled questions', noSchedules: 'No scheduled questions yet.', markRead: 'Mark read',
    runNow: 'Run now', schedule: 'Schedule this question', cadence: 'How often', daily: 'Daily', weekly: 'Weekly', weekday: 'Weekday (1 = Mon … 7 = Sun)',
    hour: 'Hour (UTC)', rule: 'Alert when', above: 'value is above', below: 'value is below', change: 'value changes by at least (%)', anomaly: 'value is unusual (outside the forecast’s 95% range)',
    value: 'Threshold or percent', webhook: 'Webhook URL (optional)', save: 'Save schedule', saved: 'Scheduled. Next run: {next}.', ranAlert: 'Ran: alert fired.', ranQuiet: 'Ran: no alert.', next: 'next {next}',
  },
  zh: {
    inbox: '提醒', noAlerts: '没有新提醒。', schedules: '定时问题', noSchedules: '还没有定时问题。', markRead: '标为已读',
    runNow: '立即运行', schedule: '定时运行这个问题', cadence: '频率', daily: '每天', weekly: '每周', weekday: '星期(1 = 周一 … 7 = 周日)',
    hour: '时刻(UTC 小时)', rule: '何时提醒', above: '数值高于', below: '数值低于', change: '数值变化至少(%)', anomaly: '数值异常(超出预测的 95% 区间)',
    value: '阈值或百分比', webhook: 'Webhook 地址(可选)', save: '保存定时', saved: '已设定,下次运行:{next}。', ranAlert: '已运行:触发提醒。', ranQuiet: '已运行:未触发提醒。', next: '下次 {next}',
  },
} as const;
type Word = keyof (typeof WORDS)['en'];
const word = (key: Word, parameters: Record<string, string> = {}) => Object.entries(parameters).reduce<string>((text, [name, value]) => text.replace(`{${name}}`, value), WORDS[currentLanguage()][key]);

const RunSchema = z.object({ runId: z.string(), scheduleId: z.string(), ranAt: z.string(), fired: z.boolean(), status: z.string(), message: z.string(), value: z.number().nullable() });
const AlertSchema = RunSchema.extend({ question: z.string() });
const ScheduleSchema = z.object({ scheduleId: z.string(), question: z.string(), cadence: z.enum(['daily', 'weekly']), nextRunAt: z.string(), lastRun: RunSchema.nullable().optional() });
const AlertsSchema = z.object({ alerts: z.array(AlertSchema) });
const SchedulesSchema = z.object({ schedules: z.array(ScheduleSchema) });

const when = (iso: string) => new Date(iso).toLocaleString(currentLanguage() === 'zh' ? 'zh-CN' : 'en', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC';

export class ScheduleInbox {
  readonly element: HTMLElement;
  private readonly alertList = h('ul', { class: 'alert-list' });
  private readonly scheduleList = h('ul', { class: 'schedule-list' });
  private readonly status = h('p', { class: 'muted', role: 'status' });
  private readonly heading = h('h2', { id: 'inbox-heading' });
  private readonly schedulesHeading = h('h3');
  private timer: number | undefined;
  // Each refresh takes a ticket; only the newest renders, so a slow poll that started before "Mark read" can never
  // put the acknowledged alert back.
  private ticket = 0;

  constructor(private readonly credential: Credential) {
    this.element = h('section', { class: 'inbox', 'aria-labelledby': 'inbox-heading' }, this.heading, this.alertList, this.schedulesHeading, this.scheduleList, this.status);
    onLanguageChange(() => void this.refresh());
    void this.refresh();
    // Schedules also run on the server's clock: look for new alerts now and then.
    this.timer = window.setInterval(() => void this.refresh(), 30_000);
  }

  dispose(): void {
    window.clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    this.heading.textContent = word('inbox');
    this.schedulesHeading.textContent = word('schedules');
    const ticket = ++this.ticket;
    try {
      const [{ alerts }, { schedules }] = await Promise.all([
        fetchJson('/api/alerts', AlertsSchema, { credential: this.credential }),
        fetchJson('/api/schedules', SchedulesSchema, { credential: this.credential }),
      ]);
      if (ticket !== this.ticket) return;
      this.element.dataset.alerts = String(alerts.length);
      replaceChildren(
        this.alertList,
        alerts.length === 0
          ? h('li', { class: 'muted' }, word('noAlerts'))
          : alerts.map((alert) =>
              h(
                'li',
                { class: 'alert', 'data-run': alert.runId },
                h('strong', null, alert.question),
                h('span', { class: 'alert-message' }, alert.message),
                h('span', { class: 'muted' }, when(alert.ranAt)),
                h('button', { type: 'button', class: 'secondary', onClick: () => void this.acknowledge(alert.runId) }, word('markRead')),
              ),
            ),
      );
      replaceChildren(
        this.scheduleList,
        schedules.length === 0
          ? h('li', { class: 'muted' }, word('noSchedules'))
          : schedules.map((schedule) =>
              h(
                'li',
                { class: 'schedule', 'data-schedule': schedule.scheduleId },
                h('span', null, `${schedule.question} · ${word(schedule.cadence)}`),
                h('span', { class: 'muted' }, word('next', { next: when(schedule.nextRunAt) })),
                h('button', { type: 'button', class: 'secondary', onClick: () => void this.runNow(schedule.scheduleId) }, word('runNow')),
              ),
            ),
      );
    } catch (error) {
      this.status.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  private async acknowledge(runId: string): Promise<void> {
    try {
      await fetchJson(`/api/alerts/${runId}/acknowledge`, z.object({ acknowledged: z.string() }), { credential: this.credential, method: 'POST', body: {} });
    } catch (error) {
      this.status.textContent = error instanceof ApiError ? error.message : String(error);
    }
    await this.refresh();
  }

  private async runNow(scheduleId: string): Promise<void> {
    try {
      const run = await fetchJson(`/api/schedules/${scheduleId}/run`, RunSchema, { credential: this.credential, method: 'POST', body: {} });
      this.status.textContent = run.fired ? word('ranAlert') : `${word('ranQuiet')} ${run.message}`;
    } catch (error) {
      this.status.textContent = error instanceof ApiError ? error.message : String(error);
    }
    await this.refresh();
  }

  /** The "Schedule this question" form under an answer. */
  formFor(question: string): HTMLElement {
    const field = (label: string, control: HTMLElement) => h('label', { class: 'field' }, h('span', null, label), control);
    const cadence = h('select', { name: 'cadence' }, h('option', { value: 'daily' }, word('daily')), h('option', { value: 'weekly' }, word('weekly')));
    const weekday = h('input', { name: 'weekday', type: 'number', min: 1, max: 7, value: 1 });
    const hour = h('input', { name: 'hour', type: 'number', min: 0, max: 23, value: 8 });
    const kind = h(
      'select',
      { name: 'rule' },
      (['above', 'below', 'change', 'anomaly'] as const).map((key) => h('option', { value: key }, word(key))),
    );
    const value = h('input', { name: 'value', type: 'number', step: 'any', value: 0 });
    const webhook = h('input', { name: 'webhook', type: 'url', placeholder: 'https://' });
    const result = h('p', { class: 'muted', role: 'status' });
    // The weekday matters only for weekly schedules.
    const weekdayField = field(word('weekday'), weekday);
    weekdayField.hidden = true;
    cadence.addEventListener('change', () => (weekdayField.hidden = cadence.value !== 'weekly'));
    const form = h(
      'form',
      {
        class: 'schedule-form',
        onSubmit: (event: Event) => {
          event.preventDefault();
          const number = Number(value.value);
          const rule =
            kind.value === 'anomaly' ? { kind: 'anomaly' }
            : kind.value === 'change' ? { kind: 'percent_change', direction: 'either', percent: number }
            : { kind: 'threshold', direction: kind.value, value: number };
          const body = {
            question,
            cadence: cadence.value,
            hour: Number(hour.value),
            ...(cadence.value === 'weekly' ? { weekday: Number(weekday.value) } : {}),
            rule,
            ...(webhook.value.trim() ? { webhook_url: webhook.value.trim() } : {}),
          };
          fetchJson('/api/schedules', ScheduleSchema, { credential: this.credential, method: 'POST', body }).then(
            (created) => {
              result.textContent = word('saved', { next: when(created.nextRunAt) });
              void this.refresh();
            },
            (error: unknown) => {
              result.textContent = error instanceof Error ? error.message : String(error);
            },
          );
        },
      },
      field(word('cadence'), cadence),
      weekdayField,
      field(word('hour'), hour),
      field(word('rule'), kind),
      field(word('value'), value),
      field(word('webhook'), webhook),
      h('button', { type: 'submit', class: 'primary' }, word('save')),
      result,
    );
    return h('details', { class: 'schedule-answer' }, h('summary', null, word('schedule')), form);
  }
}
