// Ingest benchmark: durably stored events per second through `panorama serve`, against a bare
// Fastify handler on the same machine. Method and latest figures: docs/benchmarks.md.
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BatchBodies } from './batches.ts';
import { cleanUp, type RunningServer, startServer, temporaryDir } from './children.ts';
import { type LoadResult, postBatches } from './load.ts';
import { type BenchOptions, readBenchOptions } from './options.ts';
import { report, type ServerFigures } from './report.ts';
import { checkDurability, durabilityProblems } from './verify.ts';

const panoramaBin = fileURLToPath(new URL('../../bin/panorama.js', import.meta.url));
const bareServer = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const started = Date.now();

function progress(line: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
}

async function createWriteKey(dataDir: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    panoramaBin,
    ...['sources', 'create', '--name', 'bench', '--channel', 'web', '--data', dataDir],
  ]);
  const key = /Write key: (\S+)/.exec(stdout)?.[1];
  if (!key) throw new Error(`could not read the write key from:\n${stdout}`);
  return key;
}

async function drive(
  name: string,
  server: RunningServer,
  bodies: BatchBodies,
  writeKey: string,
  options: BenchOptions,
): Promise<{ load: LoadResult; peakRssMiB: number }> {
  progress(
    `${name}: posting ${options.eventsPerBatch}-event batches on ${options.connections} connections for ${options.durationSeconds} s`,
  );
  const load = await postBatches(bodies, { url: server.url, writeKey, ...options });
  const peakRssMiB = server.peakRssMiB();
  const { ok, overloaded, other, errors, timeouts } = load.requests;
  progress(
    `${name}: ${ok} × 200, ${overloaded} × 429, ${other} other, ${errors} errors, ${timeouts} timeouts; stopping`,
  );
  await server.stop();
  return { load, peakRssMiB };
}

async function benchPanorama(options: BenchOptions, run: string): Promise<ServerFigures> {
  const dataDir = temporaryDir('panorama-bench-');
  progress(`Panorama: creating a source in ${dataDir}`);
  const writeKey = await createWriteKey(dataDir);
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const server = await startServer([...profile, panoramaBin, 'serve', '--port', '0', '--data', dataDir]);
  progress(`Panorama: serving on ${server.url} (pid ${server.pid})`);
  const bodies = new BatchBodies(run, options.eventsPerBatch);
  const { load, peakRssMiB } = await drive('Panorama', server, bodies, writeKey, options);

  progress('Panorama: reopening the store to check every acknowledged event is there');
  const durability = await checkDurability(dataDir, run, options.eventsPerBatch, load.acknowledgedBatches);
  const expected = load.acknowledgedEvents + durability.storedUnanswered * options.eventsPerBatch;
  const problems = durabilityProblems(durability);
  if (durability.storedEvents !== expected)
    problems.push(`stored ${durability.storedEvents} events, expected ${expected}`);
  if (problems.length > 0) throw new Error(`Durability check FAILED: ${problems.join('; ')}`);
  progress(
    `Panorama: stored ${durability.storedEvents} = ${load.acknowledgedEvents} acknowledged + ` +
      `${durability.storedUnanswered * options.eventsPerBatch} in flight when the load stopped; none lost`,
  );
  return { name: 'Panorama', load, eventsPerSecond: load.acknowledgedEvents / load.seconds, peakRssMiB };
}

async function benchBare(options: BenchOptions, run: string): Promise<ServerFigures> {
  const server = await startServer(['--import', 'tsx', bareServer]);
  progress(`Bare handler: serving on ${server.url} (pid ${server.pid})`);
  const bodies = new BatchBodies(run, options.eventsPerBatch);
  const { load, peakRssMiB } = await drive('Bare handler', server, bodies, 'bare', options);
  return { name: 'Bare handler', load, eventsPerSecond: load.acknowledgedEvents / load.seconds, peakRssMiB };
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

async function main(): Promise<number> {
  const options = readBenchOptions(process.argv.slice(2), process.env);
  const run = `b${Date.now().toString(36)}`;
  progress(
    `Ingest benchmark: Node ${process.version}, ${cpus().length} CPUs (shared by servers and load generator), ` +
      `PANORAMA_MAX_EVENTS_PER_WRITE=${process.env.PANORAMA_MAX_EVENTS_PER_WRITE ?? 'default'}`,
  );
  progress(`Load average before the run: ${loadAverage()} (other work on the machine skews the figures)`);
  const panorama = await benchPanorama(options, run);
  const bare = await benchBare(options, run);
  progress(`Load average after the run: ${loadAverage()}`);
  const { text, passed } = report(panorama, bare);
  process.stdout.write(`\n${text}\n`);
  return passed ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`Ingest benchmark failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
