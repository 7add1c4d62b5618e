// The brief's path for time phrases; the code lives in time/. New code should import from index.ts.
export * from './time/time-expressions.ts';
export { loadAsOfDate } from './time/as-of-date.ts';
