import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Simulated customers (about 10.4 transactions each). */
  customers: number;
  /** Warm runs of the CDNOW pipeline (medians are reported, with the first, cold run). */
  repeats: number;
  cdnowMaster: string;
  /** Also fit MBG/NBD and Pareto/NBD on the simulated log (Pareto/NBD takes minutes there). */
  allModelsOnSimulation: boolean;
  /** Also run the JavaScript summary on the simulated log (about 90 s and 3 GB). */
  jsOnSimulation: boolean;
  /** Keep the temporary folder (the generated logs) and print where it is. */
  keep: boolean;
}

export const targets = {
  cdnowSummaryBgNbdGammaGammaSeconds: 0.3,
  cdnowParetoNbdSeconds: 1,
  simulationEndToEndSeconds: 60,
  simulationPeakMiB: 4096,
} as const;

const usage = `npm run bench:value -- [--customers N] [--repeats N] [--cdnow FILE] [--no-pareto] [--js] [--keep]
  --customers  simulated customers (default $BENCH_CUSTOMERS or 1000000, about 10 purchases each)
  --repeats    warm runs of the CDNOW pipeline, medians reported (default 5)
  --cdnow      the CDNOW master log (default ../shared/data/cdnow/CDNOW_master.txt)
  --no-pareto  fit only BG/NBD and Gamma-Gamma on the simulated log (Pareto/NBD takes minutes there)
  --js         also summarise the simulated log the JavaScript way (csv-parse + summariseTransactions)
  --keep       keep the temporary folder with the generated logs`;

const defaultCdnow = fileURLToPath(new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));

/** Reads the flags, then BENCH_* variables, then the defaults. */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string' },
      repeats: { type: 'string' },
      cdnow: { type: 'string' },
      'no-pareto': { type: 'boolean' },
      js: { type: 'boolean' },
      keep: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return {
    customers: positive('customers', values.customers ?? env.BENCH_CUSTOMERS ?? '1000000'),
    repeats: positive('repeats', values.repeats ?? '5'),
    cdnowMaster: values.cdnow ?? defaultCdnow,
    allModelsOnSimulation: values['no-pareto'] !== true,
    jsOnSimulation: values.js === true,
    keep: values.keep === true,
  };
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive whole number, got "${raw}".`);
  return value;
}
