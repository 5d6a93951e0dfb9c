// One data set through customer value, in a process of its own (so its peak memory is its own):
// summary, each model's fit, predictions for every customer. Prints its figures as JSON.
import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { openScratchEngine } from '../../src/store/duckdb/scratch-engine.ts';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityAlive,
  type CalibrationHoldoutSummary,
  compressRepeatPurchases,
  type FittedModel,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdProbabilityAlive,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdProbabilityAlive,
  type RepeatPurchaseRow,
  type SummaryOptions,
  summariseTransactions,
  type Transaction,
} from '../../src/value/index.ts';
import { summariseInEngine } from '../../src/value/sql/index.ts';
import { MemorySampler, peakRssMiB, timed } from './measure.ts';

export interface PipelineJob {
  input: string;
  customerColumn: string;
  dateColumn: string;
  amountColumn: string;
  periods: SummaryOptions;
  /** `sql`: DuckDB reads the file; `js`: csv-parse and summariseTransactions, as the CLI used to. */
  summary: 'sql' | 'js';
  /** Also fit MBG/NBD and Pareto/NBD and predict with them. */
  allModels: boolean;
  /** Runs of the whole sequence in this process: the first is cold, the others warm. */
  repeats: number;
  /** Ask DuckDB what memory it holds every 100 ms during the summary (a query of its own: not on small logs). */
  sampleDuckdb: boolean;
}

export interface FitFigures {
  seconds: number;
  parameters: Record<string, number>;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

export interface PipelineFigures {
  customers: number;
  patterns: number;
  repeatBuyers: number;
  seconds: Record<string, number>;
  /** CPU seconds of the process (all threads) for the summary and the end-to-end sequence. */
  cpuSeconds: { summary: number; endToEnd: number };
  fits: Record<string, FitFigures>;
  holdout: { actual: number; predicted: number };
  memory: { endToEndPeakRssMiB: number; peakRssMiB: number; sampledRssMiB: number; duckdbMiB: number };
}

type Model = 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd';

interface Predictor {
  fit(rows: readonly RepeatPurchaseRow[]): FittedModel<object>;
  expected(parameters: object, t: number, x: number, tx: number, T: number): number;
  alive(parameters: object, x: number, tx: number, T: number): number;
}

const predictors: Record<Model, Predictor> = {
  'bg-nbd': {
    fit: fitBgNbd,
    expected: (p, ...rest) => bgNbdConditionalExpectedPurchases(p as never, ...rest),
    alive: (p, ...rest) => bgNbdProbabilityAlive(p as never, ...rest),
  },
  'mbg-nbd': {
    fit: fitMbgNbd,
    expected: (p, ...rest) => mbgNbdConditionalExpectedPurchases(p as never, ...rest),
    alive: (p, ...rest) => mbgNbdProbabilityAlive(p as never, ...rest),
  },
  'pareto-nbd': {
    fit: fitParetoNbd,
    expected: (p, ...rest) => paretoNbdConditionalExpectedPurchases(p as never, ...rest),
    alive: (p, ...rest) => paretoNbdProbabilityAlive(p as never, ...rest),
  },
};

async function readTransactions(job: PipelineJob): Promise<Transaction[]> {
  const transactions: Transaction[] = [];
  const rows = createReadStream(job.input).pipe(parse({ columns: true, trim: true, bom: true }));
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    transactions.push({
      customerId: row[job.customerColumn] ?? '',
      date: row[job.dateColumn] ?? '',
      amount: Number(row[job.amountColumn]),
    });
  }
  return transactions;
}

async function summarise(job: PipelineJob, sampler: MemorySampler): Promise<CalibrationHoldoutSummary[]> {
  if (job.summary === 'js') return summariseTransactions(await readTransactions(job), job.periods);
  const engine = await openScratchEngine({ inputBytes: statSync(job.input).size });
  sampler.start(job.sampleDuckdb ? () => engine.memoryBytes() : undefined, 100);
  try {
    return await summariseInEngine(
      engine,
      {
        kind: 'csv',
        path: job.input,
        customerColumn: job.customerColumn,
        dateColumn: job.dateColumn,
        amountColumn: job.amountColumn,
      },
      job.periods,
    );
  } finally {
    engine.close();
  }
}

function fitFigures(seconds: number, fit: FittedModel<object>): FitFigures {
  return {
    seconds,
    parameters: fit.parameters as Record<string, number>,
    logLikelihood: fit.logLikelihood,
    converged: fit.diagnostics.converged,
    iterations: fit.diagnostics.iterations,
  };
}

/** Conditional expectation over `horizon` and P(alive) for every customer; answers Σ expectation. */
function predictAll(
  predictor: Predictor,
  parameters: object,
  summaries: readonly CalibrationHoldoutSummary[],
  horizon: number,
): number {
  const expected = new Float64Array(summaries.length);
  const alive = new Float64Array(summaries.length);
  let total = 0;
  summaries.forEach((s, i) => {
    expected[i] = predictor.expected(parameters, horizon, s.frequency, s.recency, s.T);
    alive[i] = predictor.alive(parameters, s.frequency, s.recency, s.T);
    total += expected[i] as number;
  });
  return total;
}

async function run(job: PipelineJob): Promise<PipelineFigures> {
  const seconds: Record<string, number> = {};
  const fits: Record<string, FitFigures> = {};
  const sampler = new MemorySampler();
  const started = performance.now();
  const startedCpu = process.cpuUsage();

  // End to end, as `panorama value fit --input … --amount …` does it with the default model.
  const summary = await timed(() => summarise(job, sampler));
  sampler.stop();
  seconds.summary = summary.seconds;
  const summaries = summary.value;
  const horizon = summaries[0]?.holdoutDuration ?? 52;
  const bgNbd = await timed(() => fitBgNbd(summaries));
  fits['bg-nbd'] = fitFigures(bgNbd.seconds, bgNbd.value);
  const repeatBuyers = summaries
    .filter((s) => s.frequency > 0 && (s.monetaryValue ?? 0) > 0)
    .map((s) => ({ frequency: s.frequency, monetaryValue: s.monetaryValue as number }));
  const gammaGamma = await timed(() => fitGammaGamma(repeatBuyers));
  fits['gamma-gamma'] = fitFigures(gammaGamma.seconds, gammaGamma.value);
  const predictions = await timed(() => {
    const total = predictAll(predictors['bg-nbd'], bgNbd.value.parameters, summaries, horizon);
    const spend = new Float64Array(summaries.length);
    summaries.forEach((s, i) => {
      spend[i] = gammaGammaExpectedSpend(gammaGamma.value.parameters, s.frequency, s.monetaryValue ?? 0);
    });
    return total;
  });
  seconds['predict bg-nbd'] = predictions.seconds;
  seconds['end to end'] = (performance.now() - started) / 1000;
  const endToEndCpu = process.cpuUsage(startedCpu);
  const endToEndPeakRssMiB = peakRssMiB();

  const compressed = await timed(() => compressRepeatPurchases(summaries));
  seconds.compress = compressed.seconds;
  const onPatterns = await timed(() => fitBgNbd(compressed.value));
  seconds['bg-nbd on patterns'] = onPatterns.seconds;
  if (job.allModels) {
    for (const model of ['mbg-nbd', 'pareto-nbd'] as const) {
      const fit = await timed(() => predictors[model].fit(compressed.value));
      fits[model] = fitFigures(fit.seconds, fit.value);
      const predicted = await timed(() =>
        predictAll(predictors[model], fit.value.parameters, summaries, horizon),
      );
      seconds[`predict ${model}`] = predicted.seconds;
    }
  }
  let actual = 0;
  for (const s of summaries) actual += s.holdoutFrequency;
  return {
    customers: summaries.length,
    patterns: compressed.value.length,
    repeatBuyers: repeatBuyers.length,
    seconds,
    cpuSeconds: { summary: summary.cpuSeconds, endToEnd: (endToEndCpu.user + endToEndCpu.system) / 1e6 },
    fits,
    holdout: { actual, predicted: predictions.value },
    memory: {
      endToEndPeakRssMiB,
      peakRssMiB: peakRssMiB(),
      sampledRssMiB: sampler.rssMiB,
      duckdbMiB: sampler.duckdbMiB,
    },
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as PipelineJob;
const runs: PipelineFigures[] = [];
for (let i = 0; i < job.repeats; i++) runs.push(await run(job));
process.stdout.write(`${JSON.stringify(runs)}\n`);
