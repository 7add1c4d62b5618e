// Kept at its first path because other modules import it from here; new code should import from index.ts.
export * from './compile/semantic-query.ts';
