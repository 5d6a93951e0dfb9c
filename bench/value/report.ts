import { targets } from './options.ts';
import type { PipelineFigures } from './pipeline.ts';
import { simulatedTruth } from './simulate.ts';

export interface BenchFigures {
  cdnow: { sql: PipelineFigures[]; js: PipelineFigures[] };
  simulation: {
    customers: number;
    transactions: number;
    run: PipelineFigures;
    /** The same log summarised the JavaScript way, when asked for. */
    js?: PipelineFigures;
    cli: { seconds: number; peakRssMiB: number };
  };
}

const steps: [label: string, read: (f: PipelineFigures) => number | undefined][] = [
  ['summary', (f) => f.seconds.summary],
  ['fit BG/NBD', (f) => f.fits['bg-nbd']?.seconds],
  ['fit Gamma-Gamma', (f) => f.fits['gamma-gamma']?.seconds],
  ['predict BG/NBD + spend', (f) => f.seconds['predict bg-nbd']],
  ['end to end (the four above)', (f) => f.seconds['end to end']],
  ['compress (x, t_x, T)', (f) => f.seconds.compress],
  ['fit BG/NBD on patterns', (f) => f.seconds['bg-nbd on patterns']],
  ['fit MBG/NBD', (f) => f.fits['mbg-nbd']?.seconds],
  ['predict MBG/NBD', (f) => f.seconds['predict mbg-nbd']],
  ['fit Pareto/NBD', (f) => f.fits['pareto-nbd']?.seconds],
  ['predict Pareto/NBD', (f) => f.seconds['predict pareto-nbd']],
];

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A step's median over the warm runs (all but the first, when there are several). */
function warm(runs: readonly PipelineFigures[], read: (f: PipelineFigures) => number | undefined): number {
  const values = (runs.length > 1 ? runs.slice(1) : runs).map(read).filter((v) => v !== undefined);
  return values.length > 0 ? median(values as number[]) : Number.NaN;
}

function seconds(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '—' : `${value.toFixed(3)} s`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))))
    .map((r) => r.join('  '))
    .join('\n');
}

function cdnowTable(figures: BenchFigures['cdnow']): string {
  const { sql, js } = figures;
  const rows = [
    ['CDNOW master', 'DuckDB warm', 'DuckDB cold', 'JS warm', 'JS cold'],
    ...steps.map(([label, read]) => [
      label,
      seconds(warm(sql, read)),
      seconds(sql[0] && read(sql[0])),
      seconds(warm(js, read)),
      seconds(js[0] && read(js[0])),
    ]),
  ];
  const last = sql.at(-1) as PipelineFigures;
  const lastJs = js.at(-1) as PipelineFigures;
  return [
    table(rows),
    `CPU time of the warm DuckDB summary (all threads): ${seconds(warm(sql, (f) => f.cpuSeconds.summary))}`,
    `customers ${last.customers.toLocaleString('en-US')}, distinct (x, t_x, T) ${last.patterns.toLocaleString('en-US')}, repeat buyers ${last.repeatBuyers.toLocaleString('en-US')}; ` +
      `peak RSS ${last.memory.peakRssMiB.toFixed(0)} MiB (DuckDB path), ${lastJs.memory.peakRssMiB.toFixed(0)} MiB (JS path)`,
  ].join('\n');
}

function simulationTable(simulation: BenchFigures['simulation']): string {
  const { run, cli } = simulation;
  const rows = [
    ['Simulated log', 'DuckDB'],
    ...steps.map(([label, read]) => [label, seconds(read(run))]),
    ['panorama value fit (CLI, writes every prediction)', seconds(cli.seconds)],
  ];
  const m = run.memory;
  return [
    table(rows),
    `CPU time (all threads): summary ${seconds(run.cpuSeconds.summary)}, end to end ${seconds(run.cpuSeconds.endToEnd)}`,
    `customers ${run.customers.toLocaleString('en-US')} from ${simulation.transactions.toLocaleString('en-US')} transactions, ` +
      `distinct (x, t_x, T) ${run.patterns.toLocaleString('en-US')}, repeat buyers ${run.repeatBuyers.toLocaleString('en-US')}`,
    `memory: peak RSS ${m.endToEndPeakRssMiB.toFixed(0)} MiB through end to end, ${m.peakRssMiB.toFixed(0)} MiB with every model; ` +
      `DuckDB held at most ${m.duckdbMiB.toFixed(0)} MiB (sampled); the CLI peaked at ${cli.peakRssMiB.toFixed(0)} MiB`,
    `hold-out: ${run.holdout.actual.toLocaleString('en-US')} actual repeat purchases, ${run.holdout.predicted.toFixed(0)} predicted by BG/NBD`,
    ...(simulation.js
      ? [
          `baseline, JavaScript summary (csv-parse + summariseTransactions): summary ${seconds(simulation.js.seconds.summary)}, ` +
            `end to end ${seconds(simulation.js.seconds['end to end'])}, peak RSS ${simulation.js.memory.peakRssMiB.toFixed(0)} MiB`,
        ]
      : []),
  ].join('\n');
}

function recovery(run: PipelineFigures): string {
  const rows = [['parameter', 'truth', 'fit', 'error']];
  const pairs: [string, Record<string, number>, Record<string, number> | undefined][] = [
    ['BG/NBD', simulatedTruth.bgNbd, run.fits['bg-nbd']?.parameters],
    ['Gamma-Gamma', simulatedTruth.gammaGamma, run.fits['gamma-gamma']?.parameters],
  ];
  for (const [model, truth, fit] of pairs) {
    for (const [name, value] of Object.entries(truth)) {
      const got = fit?.[name] ?? Number.NaN;
      rows.push([
        `${model} ${name}`,
        value.toFixed(3),
        got.toFixed(3),
        `${(((got - value) / value) * 100).toFixed(1)} %`,
      ]);
    }
  }
  return table(rows);
}

/** The closing report, and whether every target is met. */
export function report(figures: BenchFigures): { text: string; passed: boolean } {
  const { sql } = figures.cdnow;
  const cdnowCore =
    warm(sql, (f) => f.seconds.summary) +
    warm(sql, (f) => f.fits['bg-nbd']?.seconds) +
    warm(sql, (f) => f.fits['gamma-gamma']?.seconds);
  const pareto = warm(sql, (f) => f.fits['pareto-nbd']?.seconds);
  const { cli } = figures.simulation;
  const checks: [boolean, string][] = [
    [
      cdnowCore <= targets.cdnowSummaryBgNbdGammaGammaSeconds,
      `CDNOW summary + BG/NBD + Gamma-Gamma ${cdnowCore.toFixed(3)} s warm (target <= ${targets.cdnowSummaryBgNbdGammaGammaSeconds} s)`,
    ],
    [
      pareto <= targets.cdnowParetoNbdSeconds,
      `CDNOW Pareto/NBD fit ${pareto.toFixed(3)} s warm (target <= ${targets.cdnowParetoNbdSeconds} s)`,
    ],
    [
      cli.seconds <= targets.simulationEndToEndSeconds && cli.peakRssMiB <= targets.simulationPeakMiB,
      `${figures.simulation.customers.toLocaleString('en-US')} customers end to end (panorama value fit) ${cli.seconds.toFixed(1)} s, ` +
        `peak ${cli.peakRssMiB.toFixed(0)} MiB (target <= ${targets.simulationEndToEndSeconds} s within ${targets.simulationPeakMiB} MiB)`,
    ],
  ];
  const text = [
    cdnowTable(figures.cdnow),
    '',
    simulationTable(figures.simulation),
    '',
    'Recovery of the simulated truth',
    recovery(figures.simulation.run),
    '',
    ...checks.map(([ok, line]) => `${ok ? 'PASS' : 'FAIL'} ${line}`),
  ].join('\n');
  return { text, passed: checks.every(([ok]) => ok) };
}
