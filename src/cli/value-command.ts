import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { PanoramaError } from '../errors.ts';
import {
  type ForecastReport,
  forecastCustomers,
  type RepeatPurchaseModel,
  repeatPurchaseModels,
  summariseTransactions,
  type TimeUnit,
  type Transaction,
} from '../value/index.ts';

interface FitOptions {
  input: string;
  customer: string;
  date: string;
  amount?: string;
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
    .description('fit a purchase model (and Gamma-Gamma on spend) on a CSV transaction log')
    .requiredOption('--input <file>', 'CSV with one transaction per line')
    .requiredOption('--customer <column>', 'the column holding the customer id')
    .requiredOption('--date <column>', 'the column holding the date (YYYY-MM-DD, YYYYMMDD or ISO 8601)')
    .option('--amount <column>', 'the column holding the amount (optional: some logs have no spend)')
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
      const transactions = await readTransactions(options);
      const summaries = summariseTransactions(transactions, {
        calibrationEnd: options.calibrationEnd,
        holdoutEnd: options.holdoutEnd,
        unit: options.unit,
      });
      if (summaries.length === 0) {
        throw new PanoramaError(
          'cli.invalid_option',
          `No customer bought by --calibration-end ${options.calibrationEnd}.`,
        );
      }
      const report = forecastCustomers(summaries, options.model, {
        horizon: options.horizon,
        withSpend: options.amount !== undefined,
      });
      if (options.output) await writeFile(options.output, predictionsCsv(report));
      process.stdout.write(
        options.json ? `${JSON.stringify(summaryOf(report, options), null, 2)}\n` : describe(report, options),
      );
    });
  return value;
}

async function readTransactions(options: FitOptions): Promise<Transaction[]> {
  const transactions: Transaction[] = [];
  const parser = createReadStream(options.input).pipe(parse({ columns: true, trim: true, bom: true }));
  let line = 1;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line += 1;
      if (line === 2) checkColumns(Object.keys(row), options);
      const amount = options.amount ? Number(row[options.amount]) : undefined;
      if (amount !== undefined && !Number.isFinite(amount)) {
        throw new PanoramaError(
          'cli.invalid_option',
          `Line ${line}: "${row[options.amount as string]}" is not an amount.`,
        );
      }
      transactions.push({
        customerId: row[options.customer] ?? '',
        date: row[options.date] ?? '',
        ...(amount === undefined ? {} : { amount }),
      });
    }
  } catch (error) {
    if (error instanceof PanoramaError) throw error;
    throw new PanoramaError(
      'import.unreadable_file',
      `Cannot read ${options.input}: ${(error as Error).message}`,
    );
  }
  return transactions;
}

function checkColumns(columns: string[], options: FitOptions): void {
  for (const [option, column] of [
    ['--customer', options.customer],
    ['--date', options.date],
    ['--amount', options.amount],
  ]) {
    if (column !== undefined && !columns.includes(column)) {
      throw new PanoramaError(
        'import.missing_column',
        `${option} ${column}: no such column; the file has ${columns.join(', ')}.`,
      );
    }
  }
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

function predictionsCsv(report: ForecastReport): string {
  const header = [
    'customer_id',
    'frequency',
    'recency',
    'T',
    'probability_alive',
    'expected_purchases',
    'holdout_purchases',
  ];
  if (report.spendModel) header.push('expected_spend');
  const rows = report.customers.map((c) => {
    const row: (string | number)[] = [
      c.customerId,
      c.frequency,
      c.recency,
      c.T,
      c.probabilityAlive,
      c.expectedPurchases,
      c.holdoutPurchases,
    ];
    if (report.spendModel) row.push(c.expectedSpend ?? '');
    return row;
  });
  return stringify([header, ...rows]);
}
