import { nearestWeekday, type TimeExpressionMatch } from '../../sql/semantic/index.ts';

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZH_WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * "Sunday, Dec 5" when Dec 5 is a Friday: either word could be the slip, and answering one of them silently would
 * answer another day. The question is asked back with both readings as options (the date as written; the nearest
 * day with the weekday written).
 */
export function weekdayConflictQuestion(matches: readonly TimeExpressionMatch[], language: 'zh' | 'en'): { question: string; options: string[]; note: string } | undefined {
  const conflicting = matches.find((match) => match.weekdayConflict);
  const conflict = conflicting?.weekdayConflict;
  if (!conflicting || !conflict) return undefined;
  const date = conflicting.start;
  const other = nearestWeekday(date, conflict.written);
  const names = language === 'zh' ? ZH_WEEKDAYS : EN_WEEKDAYS;
  const [actual, written] = [names[conflict.actual - 1], names[conflict.written - 1]];
  const note = `weekday conflict: ${date} is ${EN_WEEKDAYS[conflict.actual - 1]}, the question says ${EN_WEEKDAYS[conflict.written - 1]}`;
  return language === 'zh'
    ? { question: `${date}是${actual},不是${written}。您要看哪一天?`, options: [`${date}（${actual}）`, `${other}（${written}）`], note }
    : { question: `${date} is a ${actual}, not a ${written}. Which day do you mean?`, options: [`${date} (${actual})`, `${other} (${written})`], note };
}
