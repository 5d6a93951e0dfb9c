// Customer value benchmark: the transaction summary in DuckDB, every model's fit and predictions,
// on CDNOW and on a simulated million customers, against the JavaScript summary. Method and latest
// figures: docs/benchmarks.md (Customer value).
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCdnowCsv } from './cdnow.ts';
import { cleanUp, runNode, temporaryDir } from './children.ts';
import { readBenchOptions } from './options.ts';
import type { PipelineFigures, PipelineJob } from './pipeline.ts';
import { report } from './report.ts';
import { writeSimulatedLog } from './simulate.ts';

const pipeline = fileURLToPath(new URL('./pipeline.ts', import.meta.url));
const panoramaBin = fileURLToPath(new URL('../../bin/panorama.js', import.meta.url));
const started = Date.now();
let keep = false;

function progress(line: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

async function runPipeline(job: PipelineJob): Promise<PipelineFigures[]> {
  const { stdout } = await runNode(['--import', 'tsx', pipeline, JSON.stringify(job)]);
  return JSON.parse(stdout) as PipelineFigures[];
}

async function main(): Promise<number> {
  const options = readBenchOptions(process.argv.slice(2), process.env);
  keep = options.keep;
  progress(`Customer value benchmark: Node ${process.version}, ${cpus().length} CPUs`);
  progress(`Load average before the run: ${loadAverage()} (other work on the machine skews the figures)`);
  const dir = temporaryDir('panorama-bench-value-');
  const cdnowCsv = join(dir, 'cdnow.csv');
  const { rows } = await writeCdnowCsv(options.cdnowMaster, cdnowCsv);
  progress(`CDNOW master as CSV: ${rows.toLocaleString('en-US')} rows in ${cdnowCsv}`);
  const generating = Date.now();
  const simulated = await writeSimulatedLog(join(dir, 'simulated.csv'), options.customers);
  progress(
    `Simulated log: ${simulated.customers.toLocaleString('en-US')} customers, ` +
      `${simulated.transactions.toLocaleString('en-US')} transactions, ${(simulated.bytes / 2 ** 20).toFixed(0)} MiB, ` +
      `written in ${((Date.now() - generating) / 1000).toFixed(1)} s (not timed)`,
  );

  const cdnowJob = {
    input: cdnowCsv,
    customerColumn: 'customer_id',
    dateColumn: 'date',
    amountColumn: 'amount',
    periods: { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' as const },
    allModels: true,
    repeats: options.repeats,
    sampleDuckdb: false,
  };
  progress(`CDNOW, DuckDB summary: ${options.repeats} runs in one process`);
  const sql = await runPipeline({ ...cdnowJob, summary: 'sql' });
  progress(`CDNOW, JavaScript summary (csv-parse + summariseTransactions): ${options.repeats} runs`);
  const js = await runPipeline({ ...cdnowJob, summary: 'js' });

  const periods = { calibrationEnd: simulated.calibrationEnd, holdoutEnd: simulated.holdoutEnd };
  progress(
    `Simulated log, DuckDB summary, every model${options.allModelsOnSimulation ? '' : ' but Pareto/NBD'}`,
  );
  const simulatedJob: PipelineJob = {
    input: simulated.path,
    customerColumn: 'customer_id',
    dateColumn: 'date',
    amountColumn: 'amount',
    periods: { ...periods, unit: 'week' },
    summary: 'sql',
    allModels: options.allModelsOnSimulation,
    repeats: 1,
    sampleDuckdb: true,
  };
  const [run] = await runPipeline(simulatedJob);
  let jsRun: PipelineFigures | undefined;
  if (options.jsOnSimulation) {
    progress('Simulated log, JavaScript summary, BG/NBD and Gamma-Gamma');
    [jsRun] = await runPipeline({ ...simulatedJob, summary: 'js', allModels: false, sampleDuckdb: false });
  }
  progress('Simulated log through `panorama value fit --output` (a process of its own, from start-up)');
  const cli = await runNode([
    panoramaBin,
    ...['value', 'fit', '--input', simulated.path, '--customer', 'customer_id', '--date', 'date'],
    ...[
      '--amount',
      'amount',
      '--calibration-end',
      periods.calibrationEnd,
      '--holdout-end',
      periods.holdoutEnd,
    ],
    ...['--output', join(dir, 'predictions.csv'), '--json'],
  ]);
  progress(`Load average after the run: ${loadAverage()}`);
  if (keep) progress(`Generated files kept in ${dir}`);

  const { text, passed } = report({
    cdnow: { sql, js },
    simulation: {
      customers: simulated.customers,
      transactions: simulated.transactions,
      run: run as PipelineFigures,
      ...(jsRun ? { js: jsRun } : {}),
      cli: { seconds: cli.seconds, peakRssMiB: cli.peakRssMiB },
    },
  });
  process.stdout.write(`\n${text}\n`);
  return passed ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp(keep);
    process.exit(130);
  });
}
try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`Customer value benchmark failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  cleanUp(keep);
}
