import { Presets, SingleBar } from 'cli-progress';

/** Shows how far long work has gone: a bar on a terminal, a line now and then otherwise. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress display on stderr, e.g. `const p = progress('Simulating customers', 5000)`.
 * On a terminal it is a bar; in CI or a log, a plain line at every tenth of the way.
 */
export function progress(
  label: string,
  total: number,
  options: { unit?: 'items' | 'bytes'; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const amount = options.unit === 'bytes' ? megabytes : (n: number) => n.toLocaleString('en');
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label.padEnd(28)} [{bar}] {percentage}% | {done}/{all} | {duration_formatted}`,
        stream,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { done: amount(0), all: amount(total) });
    return { update: (done) => bar.update(done, { done: amount(done) }), stop: () => bar.stop() };
  }
  let shown = -1;
  const started = Date.now();
  return {
    update(done) {
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (tenth === shown) return;
      shown = tenth;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${label}: ${amount(done)}/${amount(total)} (${seconds} s)\n`);
    },
    stop() {},
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
