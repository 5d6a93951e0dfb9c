import { parseArgs } from 'node:util';

export const benchParts = ['rebuild', 'incremental', 'febrl', 'lookup'] as const;
export type BenchPart = (typeof benchParts)[number];

export interface IdentityBenchOptions {
  /** Demo customers simulated for the rebuild (9,200 store about 1,000,000 events). */
  customers: number;
  /** Events whose timestamp falls in the last days of the demo are held back for the incremental part. */
  holdbackDays: number;
  /** Batch sizes handed to the live identity service, in turn. */
  incrementalBatches: readonly number[];
  /** Profiles of the synthetic store for the look-up load. */
  profiles: number;
  durationSeconds: number;
  connections: number;
  parts: ReadonlySet<BenchPart>;
  /** Folder for a CPU profile of the rebuild child, when asked for. */
  cpuProfileDir: string | undefined;
}

export const targets = {
  rebuildSeconds: 20,
  lookupP99Ms: 20,
  /** What test/identity-match-febrl.test.ts asserts. */
  febrlF1: 0.98,
} as const;

const usage = `npm run bench:identity -- [--quick] [--customers N] [--profiles N] [--duration S]
                             [--connections N] [--only rebuild,incremental,febrl,lookup] [--cpu-prof DIR]
  --quick        small sizes (900 customers ≈ 100,000 events, 100,000 profiles, 5 s of load)
  --customers    demo customers for the rebuild (default 9200 ≈ 1,000,000 events)
  --profiles     profiles in the synthetic store of the look-up load (default 1000000)
  --duration     seconds of load per route (default 20)
  --connections  concurrent HTTP connections (default 10)
  --only         the parts to run (default all; incremental needs rebuild)
  --cpu-prof     write a CPU profile of the rebuild process into DIR`;

/** Reads the flags; `--quick` changes the defaults, explicit flags still win. */
export function readIdentityBenchOptions(argv: string[]): IdentityBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      customers: { type: 'string' },
      profiles: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  return {
    customers: whole('customers', values.customers ?? (quick ? '900' : '9200')),
    holdbackDays: 14,
    incrementalBatches: quick ? [100, 1000] : [100, 1000, 5000],
    profiles: whole('profiles', values.profiles ?? (quick ? '100000' : '1000000')),
    durationSeconds: whole('duration', values.duration ?? (quick ? '5' : '20')),
    connections: whole('connections', values.connections ?? '10'),
    parts: partsOf(values.only),
    cpuProfileDir: values['cpu-prof'],
  };
}

function partsOf(raw: string | undefined): Set<BenchPart> {
  if (raw === undefined) return new Set(benchParts);
  const parts = raw.split(',').map((p) => p.trim());
  for (const part of parts)
    if (!(benchParts as readonly string[]).includes(part))
      throw new Error(`--only takes ${benchParts.join(', ')}; got "${part}".`);
  return new Set(parts as BenchPart[]);
}

function whole(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive whole number, got "${raw}".`);
  return value;
}
