import type { SingleBar } from 'cli-progress';

/** One step of long work: which phase, how far (done of total) within it. */
export interface ProgressUpdate {
  phase: string;
  done: number;
  total: number;
}

export interface ProgressReporter {
  report(update: ProgressUpdate): void;
  /** The task finished: ends the display and says how long it took. */
  done(): void;
  /** Ends the display; if done() was not called, says the task stopped and when. Safe to call again. */
  stop(): void;
}

const seconds = (startedAt: number): string => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

/**
 * Progress of long CLI work on stderr (stdout keeps the result): a redrawn bar with percent and elapsed time in
 * a terminal; in pipes and CI one line per phase and per quarter of a phase, each with the elapsed time, so a log
 * never goes silent for long.
 */
export async function createProgressReporter(task: string, stream: NodeJS.WriteStream = process.stderr): Promise<ProgressReporter> {
  const startedAt = performance.now();
  let stopped = false;
  const finish = (outcome: 'done in' | 'stopped after'): void => {
    if (stopped) return;
    stopped = true;
    stream.write(`${task}: ${outcome} ${seconds(startedAt)}\n`);
  };
  if (!stream.isTTY) {
    let lastPhase: string | undefined;
    let lastQuarter = -1;
    return {
      report({ phase, done, total }) {
        const quarter = total > 0 ? Math.floor((4 * done) / total) : 0;
        if (phase === lastPhase && quarter === lastQuarter) return;
        if (phase !== lastPhase) lastQuarter = -1;
        lastPhase = phase;
        lastQuarter = quarter;
        const percent = total > 0 ? ` ${Math.round((100 * done) / total)}%` : '';
        stream.write(`${task}: ${phase} (${total})${percent} at ${seconds(startedAt)}\n`);
      },
      done: () => finish('done in'),
      stop: () => finish('stopped after'),
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar: SingleBar = new cliProgress.SingleBar(
    { stream, format: `${task} {phase} [{bar}] {percentage}% · {elapsed}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | undefined;
  let running = false;
  // A phase can run long without an update (one model fit): keep the elapsed time moving anyway.
  const ticker = setInterval(() => {
    if (running) bar.update({ elapsed: seconds(startedAt) });
  }, 1000);
  ticker.unref();
  const closeBar = (): void => {
    clearInterval(ticker);
    if (running) bar.stop();
    running = false;
  };
  return {
    report(update) {
      const payload = { phase: update.phase.padEnd(18), elapsed: seconds(startedAt) };
      if (update.phase !== phase || !running) {
        if (running) bar.stop();
        phase = update.phase;
        bar.start(Math.max(update.total, 1), update.done, payload);
        running = true;
      } else {
        bar.update(update.done, payload);
      }
    },
    done() {
      closeBar();
      finish('done in');
    },
    stop() {
      closeBar();
      finish('stopped after');
    },
  };
}
