import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { PanoramaError } from '../errors.ts';
import { withScratchEngine } from '../store/duckdb/scratch-engine.ts';
import {
  type CalibrationHoldoutSummary,
  type ForecastReport,
  forecastCustomers,
  type RepeatPurchaseModel,
  type RepeatPurchasesOnDay,
  repeatPurchaseModels,
  type SummaryOptions,
  type TimeUnit,
  type ValidationReport,
  validateForecast,
} from '../value/index.ts';
import {
  defaultPurchaseEvent,
  repeatPurchasesInEngine,
  type SqlEngine,
  summariseInEngine,
  type TransactionSource,
} from '../value/sql/index.ts';
import { dataOption } from './options.ts';
import { withStore } from './sources-command.ts';

interface FitOptions {
  input?: string;
  customer?: string;
  date?: string;
  amount?: string;
  event: string;
  data?: string;
  model: RepeatPurchaseModel;
  unit: TimeUnit;
  calibrationEnd: string;
  holdoutEnd?: string;
  horizon: number;
  output?: string;
  json?: boolean;
}

export function valueCommand(): Command {
  const value = new Command('value').description('value every customer with buy-till-you-die models');
  value
    .command('fit')
    .description(
      'fit a purchase model (and Gamma-Gamma on spend) on a CSV transaction log, or on the purchases stored in the workspace',
    )
    .option('--input <file>', 'CSV with one transaction per line (without it: the stored purchase events)')
    .option('--customer <column>', 'with --input: the column holding the customer id')
    .option('--date <column>', 'with --input: the column holding the date (YYYY-MM-DD, YYYYMMDD or ISO 8601)')
    .option(
      '--amount <column>',
      'with --input: the column holding the amount (optional: some logs have no spend)',
    )
    .option(
      '--event <name>',
      'without --input: the track event that records a purchase (amount in properties.revenue)',
      defaultPurchaseEvent,
    )
    .addOption(dataOption())
    .addOption(
      new Option('--model <model>', 'purchase model').choices(repeatPurchaseModels).default('bg-nbd'),
    )
    .addOption(new Option('--unit <unit>', 'time unit').choices(['day', 'week', 'month']).default('week'))
    .requiredOption('--calibration-end <date>', 'last day of the calibration period')
    .option('--holdout-end <date>', 'last day of the hold-out period (to validate the forecast)')
    .option('--horizon <units>', 'forecast horizon when there is no hold-out', Number, 52)
    .option('--output <file>', 'write per-customer predictions to this CSV')
    .option('--json', 'print the result as JSON')
    .action(async (options: FitOptions) => {
      const { summaries, repeatPurchases } = await summarise(options);
      if (summaries.length === 0) {
        throw new PanoramaError(
          'cli.invalid_option',
          `No customer bought by --calibration-end ${options.calibrationEnd}.`,
        );
      }
      const report = forecastCustomers(summaries, options.model, {
        horizon: options.horizon,
        withSpend: summaries.some((s) => s.monetaryValue !== undefined),
      });
      if (options.output) await writePredictions(options.output, report);
      const validation = options.holdoutEnd
        ? validateForecast(summaries, report.forecaster, {
            calibrationEnd: options.calibrationEnd,
            holdoutEnd: options.holdoutEnd,
            unit: options.unit,
            repeatPurchases,
          })
        : undefined;
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...summaryOf(report, options), validation }, null, 2)}\n`
          : describe(report, options) + (validation ? describeValidation(validation) : ''),
      );
    });
  return value;
}

interface Summarised {
  summaries: CalibrationHoldoutSummary[];
  /** With a hold-out: the cohort's repeat purchases per day, for the tracking curve. */
  repeatPurchases?: RepeatPurchasesOnDay[];
}

/**
 * The calibration / hold-out summary, computed by DuckDB: on the file in memory, or in the store;
 * with a hold-out, the repeat purchases per day too.
 */
async function summarise(options: FitOptions): Promise<Summarised> {
  const periods: SummaryOptions = {
    calibrationEnd: options.calibrationEnd,
    holdoutEnd: options.holdoutEnd,
    unit: options.unit,
  };
  const inEngine = async (engine: SqlEngine, source: TransactionSource): Promise<Summarised> => {
    const summaries = await summariseInEngine(engine, source, periods);
    if (options.holdoutEnd === undefined || summaries.length === 0) return { summaries };
    return { summaries, repeatPurchases: await repeatPurchasesInEngine(engine, source, periods) };
  };
  const { input, customer, date, amount } = options;
  if (input === undefined) {
    for (const option of ['customer', 'date', 'amount'] as const) {
      if (options[option] !== undefined) {
        throw new PanoramaError(
          'cli.invalid_option',
          `--${option} names a column of --input; give the file too.`,
        );
      }
    }
    return withStore(options.data, (store, workspaceId) =>
      inEngine(store, { kind: 'events', workspaceId, event: options.event }),
    );
  }
  if (customer === undefined || date === undefined) {
    throw new PanoramaError(
      'cli.invalid_option',
      '--input needs --customer and --date: the columns to read.',
    );
  }
  const source = { kind: 'csv', path: input, customerColumn: customer, dateColumn: date } as const;
  const inputBytes = (await stat(input).catch(() => undefined))?.size;
  return withScratchEngine(
    (engine) => inEngine(engine, amount === undefined ? source : { ...source, amountColumn: amount }),
    { inputBytes },
  ).catch((error) => {
    throw missingColumnOption(error, options);
  });
}

/** Says which option names the column the file lacks. */
function missingColumnOption(error: unknown, options: FitOptions): unknown {
  if (!(error instanceof PanoramaError) || error.code !== 'import.missing_column') return error;
  const { column, columns } = error.details as { column: string; columns: string[] };
  const option = (['customer', 'date', 'amount'] as const).find((name) => options[name] === column);
  return new PanoramaError(
    'import.missing_column',
    `--${option} ${column}: no such column; the file has ${columns.join(', ')}.`,
  );
}

function summaryOf(report: ForecastReport, options: FitOptions) {
  return {
    unit: options.unit,
    horizon: report.horizon,
    purchaseModel: report.purchaseModel,
    spendModel: report.spendModel,
    holdout: report.holdout,
  };
}

function describe(report: ForecastReport, options: FitOptions): string {
  const fit = report.purchaseModel;
  const lines = [
    `${fit.model} on ${fit.customers} customers (time unit: ${options.unit})`,
    ...Object.entries(fit.parameters).map(
      ([name, value]) =>
        `  ${name.padEnd(6)} ${(value as number).toFixed(4)}  (se ${((fit.standardErrors as Record<string, number>)[name] ?? Number.NaN).toFixed(4)})`,
    ),
    `  log-likelihood ${fit.logLikelihood.toFixed(2)} (${options.unit}s)`,
    `  converged: ${fit.diagnostics.converged} (${fit.diagnostics.method}, ${fit.diagnostics.iterations} iterations)`,
    ...fit.diagnostics.warnings.map((w) => `  warning: ${w}`),
  ];
  if (report.spendModel) {
    const s = report.spendModel;
    lines.push(
      `gamma-gamma on ${s.customers} repeat buyers: p ${s.parameters.p.toFixed(4)}, q ${s.parameters.q.toFixed(4)}, gamma ${s.parameters.gamma.toFixed(4)}, log-likelihood ${s.logLikelihood.toFixed(2)}`,
    );
  }
  if (report.holdout) {
    const h = report.holdout;
    lines.push(
      `hold-out (${report.horizon.toFixed(1)} ${options.unit}s): actual ${h.actual}, predicted ${h.predicted.toFixed(1)}, mean absolute error per customer ${h.meanAbsoluteError.toFixed(3)}`,
    );
  }
  if (options.output) lines.push(`per-customer predictions written to ${options.output}`);
  return `${lines.join('\n')}\n`;
}

function describeValidation(v: ValidationReport): string {
  const quality = (name: string, q: { spearman: number | null; topShareCapture: number | null }) =>
    `  ${name.padEnd(26)} ${(q.spearman ?? Number.NaN).toFixed(3).padStart(8)} ${(q.topShareCapture ?? Number.NaN).toFixed(3).padStart(14)}`;
  const r = v.ranking;
  const lines = [
    `ranking the hold-out buyers (top ${Math.round(r.topShare * 100)} % = ${r.topCustomers} customers):`,
    `  ${'ranked by'.padEnd(26)} ${'Spearman'.padStart(8)} ${'top capture'.padStart(14)}`,
    quality('the model', r.model),
    quality('calibration frequency', r.byCalibrationFrequency),
    ...(r.byCalibrationSpend ? [quality('calibration spend', r.byCalibrationSpend)] : []),
    quality('actual (best possible)', r.oracle),
    `mean P(alive) at the end of calibration: ${v.meanProbabilityAlive.toFixed(3)}`,
    'hold-out purchases by calibration frequency (mean actual / predicted):',
    ...v.byFrequency.map(
      (g) =>
        `  ${g.label.padStart(3)}  ${String(g.customers).padStart(6)} customers  ${g.actual.toFixed(2)} / ${g.predicted.toFixed(2)}`,
    ),
    ...describeTracking(v),
  ];
  return `${lines.join('\n')}\n`;
}

/** About twenty rows of the tracking curve: evenly spaced, with the end of calibration and the last period. */
function describeTracking(v: ValidationReport): string[] {
  if (!v.tracking) return [];
  const { points, calibrationPeriods } = v.tracking;
  const step = Math.max(1, Math.ceil(points.length / 20));
  const shown = points.filter(
    (p, i) => (i + 1) % step === 0 || p.period === calibrationPeriods || i === points.length - 1,
  );
  return [
    `tracking: cumulative repeat purchases, actual / predicted (${v.unit}s; calibration ends after ${v.unit} ${calibrationPeriods}):`,
    ...shown.map(
      (p) =>
        `  ${v.unit} ${String(p.period).padStart(3)} (to ${p.lastDay})  ${String(p.cumulativeActual).padStart(7)} / ${p.cumulativePredicted.toFixed(1).padStart(9)}${p.period === calibrationPeriods ? '  ← end of calibration' : ''}`,
    ),
  ];
}

const header = [
  'customer_id',
  'frequency',
  'recency',
  'T',
  'probability_alive',
  'expected_purchases',
  'holdout_purchases',
];

/** A CSV cell, quoted only when it must be (as csv-stringify does). */
function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes one line per customer a chunk at a time: a million customers never make one huge string. */
async function writePredictions(path: string, report: ForecastReport): Promise<void> {
  const withSpend = report.spendModel !== undefined;
  const stream = createWriteStream(path);
  const done = finished(stream);
  done.catch(() => undefined); // awaited below; a write error must not go unhandled meanwhile
  let chunk = `${[...header, ...(withSpend ? ['expected_spend'] : [])].join(',')}\n`;
  for (const c of report.customers) {
    chunk += `${cell(c.customerId)},${c.frequency},${c.recency},${c.T},${c.probabilityAlive},${c.expectedPurchases},${c.holdoutPurchases}`;
    chunk += withSpend ? `,${cell(c.expectedSpend)}\n` : '\n';
    if (chunk.length >= 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
}
