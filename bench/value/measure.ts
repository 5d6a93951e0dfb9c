import { readFileSync } from 'node:fs';

/**
 * Wall seconds taken by `work`, the CPU seconds of the whole process meanwhile (DuckDB's threads
 * included: a figure other work on the machine skews less), and its result.
 */
export async function timed<T>(
  work: () => T | Promise<T>,
): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    value,
  };
}

/** The process's peak resident memory so far (VmHWM), in MiB: it covers DuckDB's native memory too. */
export function peakRssMiB(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * Samples the resident memory (and what DuckDB says it holds) every `everyMs` while the event loop
 * is free, i.e. while DuckDB works; synchronous JavaScript shows up in `peakRssMiB` instead.
 */
export class MemorySampler {
  rssMiB = 0;
  duckdbMiB = 0;
  private timer: NodeJS.Timeout | undefined;
  private asking = false;

  start(duckdbBytes?: () => Promise<number>, everyMs = 50): void {
    this.timer = setInterval(() => {
      this.rssMiB = Math.max(this.rssMiB, process.memoryUsage().rss / 2 ** 20);
      if (!duckdbBytes || this.asking) return;
      this.asking = true;
      duckdbBytes()
        .then((bytes) => {
          this.duckdbMiB = Math.max(this.duckdbMiB, bytes / 2 ** 20);
        })
        .catch(() => undefined)
        .finally(() => {
          this.asking = false;
        });
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.rssMiB = Math.max(this.rssMiB, process.memoryUsage().rss / 2 ** 20);
  }
}
