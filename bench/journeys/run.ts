// Journeys benchmark: each analysis over ~10.6 M demo events in DuckDB, against the 2 s target,
// with two baselines measured in the same run. Method and figures: docs/benchmarks.md (Journeys).
import { cpus, loadavg } from 'node:os';
import { ensureJourneyEvents, journeySource } from '../../src/journeys/sources/index.ts';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';
import { cleanUp, temporaryDir } from '../ingest/children.ts';
import { benchAnalyses } from './analyses.ts';
import { buildDataset } from './dataset.ts';
import { readJourneysBenchOptions, targets } from './options.ts';

const started = Date.now();

function progress(line: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await work();
  const seconds: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { median: median(seconds), max: Math.max(...seconds) };
}

async function main(): Promise<number> {
  const options = readJourneysBenchOptions(process.argv.slice(2));
  progress(`Journeys benchmark: Node ${process.version}, ${cpus().length} CPUs`);
  progress(
    `Load average before the run: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (other work skews the figures)`,
  );
  const dataDir = options.data ?? temporaryDir('panorama-journeys-bench-');
  const dataset = await buildDataset(
    dataDir,
    { customers: options.customers, copies: options.copies, seed: 42 },
    progress,
  );
  const store = await openDuckDBStore(dataDir);
  const rows: string[] = [];
  let failed = 0;
  try {
    const building = Date.now();
    const built = await ensureJourneyEvents(store, dataset.workspaceId);
    progress(
      `journey_events: ${built.rows.toLocaleString('en-US')} rows, ${built.rebuilt ? `built in ${((Date.now() - building) / 1000).toFixed(1)} s` : 'already fresh'}`,
    );
    const source = journeySource(store.dialect, dataset.workspaceId);
    const baselines = [
      {
        name: 'baseline: scan journey_events (count per stage)',
        run: () =>
          store.query(`SELECT stage, count(*) AS n FROM (${source.sql}) GROUP BY stage`, source.params),
      },
      {
        name: 'baseline: events joined to profiles (what every analysis would pay without journey_events)',
        run: () =>
          store.query(
            `SELECT count(DISTINCT p.profile_id) AS n FROM events AS e JOIN identity_event_profiles AS p
             ON p.workspace_id = e.workspace_id AND p.message_id = e.message_id WHERE e.workspace_id = $ws`,
            { ws: dataset.workspaceId },
          ),
      },
    ];
    for (const baseline of baselines) {
      const figure = await timed(options.runs, baseline.run);
      progress(`${baseline.name}: median ${figure.median.toFixed(2)} s`);
      rows.push(`| ${baseline.name} | ${figure.median.toFixed(2)} | ${figure.max.toFixed(2)} | – |`);
    }
    const analyses = benchAnalyses(dataset.workspaceId, new Date(`${dataset.end}T00:00:00Z`)).filter(
      (a) => options.only === undefined || a.name.includes(options.only),
    );
    for (const analysis of analyses) {
      const figure = await timed(options.runs, () => analysis.run(store, source));
      const pass = figure.median <= targets.analysisSeconds;
      if (!pass) failed += 1;
      progress(
        `${analysis.name}: median ${figure.median.toFixed(2)} s, slowest ${figure.max.toFixed(2)} s ${pass ? 'PASS' : 'FAIL'}`,
      );
      rows.push(
        `| ${analysis.name} | ${figure.median.toFixed(2)} | ${figure.max.toFixed(2)} | ${pass ? 'PASS' : 'FAIL'} |`,
      );
    }
  } finally {
    await store.close();
    if (options.data === undefined) cleanUp();
  }
  process.stdout.write(
    [
      '',
      `Journeys over ${dataset.events.toLocaleString('en-US')} events (${dataset.customers} demo customers × ${dataset.copies} copies), ${options.runs} timed runs after a warm-up; target ≤ ${targets.analysisSeconds} s each`,
      '',
      '| analysis | median s | slowest s | target |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(2);
  },
);
