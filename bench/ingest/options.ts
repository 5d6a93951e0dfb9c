import { parseArgs } from 'node:util';

export interface BenchOptions {
  durationSeconds: number;
  connections: number;
  eventsPerBatch: number;
  /** Folder for the Panorama server's CPU profile (`--cpu-prof`), when asked for. */
  cpuProfileDir: string | undefined;
}

export const targets = { storedEventsPerSecond: 25_000, ratioToBare: 0.5 } as const;

const usage = `npm run bench:ingest -- [--duration S] [--connections N] [--cpu-prof DIR]
  --duration     seconds of load on each server (default $BENCH_DURATION or 20)
  --connections  concurrent HTTP connections (default $BENCH_CONNECTIONS or 64)
  --cpu-prof     write a CPU profile of the Panorama server into DIR
Panorama's own settings (PANORAMA_MAX_EVENTS_PER_WRITE, PANORAMA_MAX_PENDING_EVENTS) pass through.`;

/** Reads the flags, then BENCH_* variables, then the defaults. */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return {
    durationSeconds: positive('duration', values.duration ?? env.BENCH_DURATION ?? '20'),
    connections: positive('connections', values.connections ?? env.BENCH_CONNECTIONS ?? '64'),
    eventsPerBatch: 100,
    cpuProfileDir: values['cpu-prof'],
  };
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive whole number, got "${raw}".`);
  return value;
}
