import { segmentWords } from '../../text/word-segmenter.ts';
import type { Recognition } from './recognize-question.ts';
import { cohortGrainAskedFor, isRetentionMetric, retentionKindsAskedFor, retentionWordSpans } from './rules/retention-rules.ts';

const DAILY = /daily|by (the )?day\b|per day|each day|every day|day by day|by date|which day\b|first[- ]active day|first[- ]activity (day|date)|day of first|每天|每日|按天|按日|逐日|分天|哪一?天|首次活跃日|首日/;

/** Whether a recognition is about retention: a retention metric, the cohort cue, or retention said in words. */
export function isAboutRetention(recognition: Recognition): boolean {
  return recognition.cues.has('cohort') || recognition.metrics.some(isRetentionMetric) || recognition.retentionWeeks !== undefined;
}

/**
 * Reads the words retention questions use: "第二天还回来的比例" is day-1 retention, "came back the following
 * calendar week" week-1, "11月还有活跃" next month; "by month of first activity" cuts monthly cohorts; "首次活跃",
 * "came back", "first activity" describe the cohort and are explained. Before, these words were left over and the
 * question was asked back, or the user count they stood next to was answered.
 */
export function applyRetentionWording(recognition: Recognition, notes: string[]): void {
  const kinds = retentionKindsAskedFor(recognition.normalized);
  if (kinds.length === 0 && !isAboutRetention(recognition)) return;
  for (const kind of kinds) {
    if ('weeks' in kind) recognition.retentionWeeks = kind.weeks;
    // "第一次来的用户，第二天还回来的比例": the users word and its count give way to the retention said in words.
    else if (!recognition.metrics.includes(kind.metric)) recognition.metrics = [...recognition.metrics.filter((id) => !recognition.genericMetrics.includes(id) && id !== 'uv'), kind.metric];
  }
  if (kinds.length > 0) notes.push(`retention in words: ${kinds.map((kind) => ('weeks' in kind ? `week-${kind.weeks}` : kind.metric)).join(', ')}`);
  // "第一次来" is the cohort, not a ranking's "第一".
  if (/第一次/.test(recognition.normalized) && recognition.cues.has('top') && !/最|best|highest|top|排名|排行/.test(recognition.normalized)) recognition.cues.delete('top');
  // "day 1 and day 7" name retention kinds, not a daily split.
  if (!DAILY.test(recognition.normalized)) {
    recognition.dimensions = recognition.dimensions.filter((dimension) => dimension !== 'day');
    recognition.cues.delete('grain:day');
  }
  const grain = cohortGrainAskedFor(recognition.normalized);
  if (grain) {
    recognition.cues.add(`grain:${grain}`);
    notes.push(`cohorts by ${grain} of first activity`);
  }
  const residual = recognition.residual.split('');
  for (const span of retentionWordSpans(recognition.normalized)) for (let index = span.index; index < span.index + span.length && index < residual.length; index += 1) residual[index] = ' ';
  recognition.residual = residual.join('');
  const left = new Set(segmentWords(recognition.residual).map((word) => word.toLowerCase()));
  recognition.unknownWords = recognition.unknownWords.filter((word) => left.has(word.toLowerCase()));
}
