import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GraphFigures } from './graph-child.ts';

const graphChild = fileURLToPath(new URL('./graph-child.ts', import.meta.url));
const running = new Set<ChildProcess>();

export interface GraphRunOptions {
  dataDir: string;
  heldBackFile?: string;
  batchSizes?: readonly number[];
  cpuProfileDir?: string;
}

/**
 * Runs the rebuild (and the incremental part) in a child process of its own, so that its peak
 * memory is not the generator's; its progress lines go to `log`, its figures come back.
 */
export function runGraphChild(options: GraphRunOptions, log: (line: string) => void): Promise<GraphFigures> {
  const args = [
    ...(options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : []),
    ...['--import', 'tsx', graphChild, '--data', options.dataDir],
    ...(options.heldBackFile && options.batchSizes
      ? ['--held-back', options.heldBackFile, '--batches', options.batchSizes.join(',')]
      : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    const lines = stderr.split('\n');
    stderr = lines.pop() ?? '';
    for (const line of lines) log(line);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      running.delete(child);
      if (code !== 0) return reject(new Error(`the rebuild process exited with ${code}: ${stderr}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as GraphFigures);
      } catch (error) {
        reject(new Error(`the rebuild process printed no figures (${(error as Error).message}): ${stdout}`));
      }
    });
  });
}

/** Kills a rebuild process still running (on the benchmark's way out). */
export function stopGraphChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
