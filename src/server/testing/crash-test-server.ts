/**
 * A test server in its own process (so a test can kill -9 it): the fake support responder with a slow turn, over
 * the warehouse file given as the first argument. Prints "READY <url>" once listening; SIGTERM closes it gracefully.
 * Run: node --import tsx src/server/testing/crash-test-server.ts <warehouse.duckdb> <delayMs>
 */
import { startTestServer } from './test-server.ts';

const [databasePath, delay] = process.argv.slice(2);
if (!databasePath) throw new Error('usage: crash-test-server.ts <warehouse.duckdb> [delayMs]');
const server = await startTestServer({ databasePath, fakeDelayMs: Number(delay ?? 300), maxConcurrentTurns: 4 });
process.stdout.write(`READY ${server.url}\n`);
process.once('SIGTERM', () => {
  const started = Date.now();
  server.close().then(
    () => {
      process.stdout.write(`CLOSED ${Date.now() - started}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`close failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
});
