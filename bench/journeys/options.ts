import { parseArgs } from 'node:util';

export interface JourneysBenchOptions {
  /** Demo customers simulated once (9,400 store about 1,060,000 events). */
  customers: number;
  /** Copies of that business stored side by side (10 make about 10.6 M events). */
  copies: number;
  /** Timed runs of each analysis; the median is reported with the slowest. */
  runs: number;
  /** Where the data set is built and kept for later runs (default: a temporary folder, removed). */
  data: string | undefined;
  /** Only the analyses whose name contains this text. */
  only: string | undefined;
}

export const targets = { analysisSeconds: 2 } as const;

const usage = `npm run bench:journeys -- [--quick] [--customers N] [--copies N] [--runs N] [--data DIR] [--only TEXT]
  --quick      small sizes (900 customers, 2 copies: about 200,000 events)
  --customers  demo customers simulated (default 9400, about 1.06 M events)
  --copies     copies of the business stored (default 10: about 10.6 M events)
  --runs       timed runs of each analysis, after one warm-up (default 3)
  --data       build the data set in DIR and keep it (reused by the next run with the same sizes)
  --only       run only the analyses whose name contains TEXT`;

/** Reads the flags; `--quick` changes the defaults, explicit flags still win. */
export function readJourneysBenchOptions(argv: string[]): JourneysBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      customers: { type: 'string' },
      copies: { type: 'string' },
      runs: { type: 'string' },
      data: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  return {
    customers: whole('customers', values.customers ?? (quick ? '900' : '9400')),
    copies: whole('copies', values.copies ?? (quick ? '2' : '10')),
    runs: whole('runs', values.runs ?? '3'),
    data: values.data,
    only: values.only,
  };
}

function whole(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`--${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
}
