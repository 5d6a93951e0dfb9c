// Identity benchmark: full rebuild of ~1,000,000 demo events, incremental stitching, FEBRL3
// matching and profile look-ups under load on 1,000,000 profiles. Method and figures:
// docs/benchmarks.md (Identity).
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';
import { cleanUp, temporaryDir } from '../ingest/children.ts';
import { storeDemoEvents } from './demo-events.ts';
import { matchFebrl } from './febrl.ts';
import { runGraphChild, stopGraphChildren } from './graph-run.ts';
import { benchLookup } from './lookup.ts';
import { type IdentityBenchOptions, readIdentityBenchOptions } from './options.ts';
import { type IdentityBenchFigures, report } from './report.ts';

const started = Date.now();
const day = 86_400_000;

function progress(line: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

async function benchGraph(root: string, options: IdentityBenchOptions, figures: IdentityBenchFigures) {
  const dataDir = join(root, 'demo');
  const heldBackFile = join(root, 'held-back.jsonl');
  const end = new Date(Math.floor(Date.now() / day) * day);
  progress(`rebuild: simulating ${options.customers.toLocaleString('en-US')} demo customers into ${dataDir}`);
  const storing = Date.now();
  let shown = 0;
  const store = await openDuckDBStore(dataDir);
  try {
    const summary = await storeDemoEvents(store, {
      customers: options.customers,
      seed: 42,
      end,
      holdBackFrom: new Date(end.getTime() - options.holdbackDays * day),
      heldBackFile,
      onProgress: (stored) => {
        if (stored < shown + 200_000) return;
        shown = stored;
        progress(`rebuild: ${stored.toLocaleString('en-US')} events stored`);
      },
    });
    figures.demo = { customers: options.customers, summary, storeMs: Date.now() - storing };
    progress(
      `rebuild: ${summary.stored.toLocaleString('en-US')} events stored, ` +
        `${summary.heldBack.toLocaleString('en-US')} of the last ${options.holdbackDays} days held back for the incremental part`,
    );
  } finally {
    await store.close();
  }
  const incremental = options.parts.has('incremental');
  figures.graph = await runGraphChild(
    {
      dataDir,
      ...(incremental ? { heldBackFile, batchSizes: options.incrementalBatches } : {}),
      ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
    },
    (line) => progress(line),
  );
}

async function main(): Promise<number> {
  const options = readIdentityBenchOptions(process.argv.slice(2));
  progress(
    `Identity benchmark: Node ${process.version}, ${cpus().length} CPUs, parts ${[...options.parts].join(', ')}`,
  );
  progress(`Load average before the run: ${loadAverage()} (other work on the machine skews the figures)`);
  const root = temporaryDir('panorama-identity-bench-');
  const figures: IdentityBenchFigures = {};
  if (options.parts.has('rebuild') || options.parts.has('incremental'))
    await benchGraph(root, options, figures);
  if (options.parts.has('febrl')) {
    progress('FEBRL: panorama identity match on dataset3, twice');
    figures.febrl = await matchFebrl(root, 2);
  }
  if (options.parts.has('lookup'))
    figures.lookup = await benchLookup(join(root, 'profiles'), options, progress);
  progress(`Load average after the run: ${loadAverage()}`);
  const { text, passed } = report(figures);
  process.stdout.write(`\n${text}\n`);
  return passed ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopGraphChildren();
    cleanUp();
    process.exit(130);
  });
}
try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`Identity benchmark failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  stopGraphChildren();
  cleanUp();
}
