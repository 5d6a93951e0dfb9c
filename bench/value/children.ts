import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const leftovers = { dirs: new Set<string>(), pids: new Set<number>() };

export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  leftovers.dirs.add(dir);
  return dir;
}

/** Removes the temporary folders (unless kept) and stops any child still running. */
export function cleanUp(keep = false): void {
  for (const pid of leftovers.pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (!keep) for (const dir of leftovers.dirs) rmSync(dir, { recursive: true, force: true });
  leftovers.pids.clear();
  leftovers.dirs.clear();
}

export interface ChildRun {
  stdout: string;
  seconds: number;
  /** The child's peak resident memory (VmHWM, read every 100 ms while it runs), in MiB. */
  peakRssMiB: number;
}

/** Runs `node …args` to completion; fails with its stderr when it exits with an error. */
export function runNode(args: string[]): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid as number;
  leftovers.pids.add(pid);
  let stdout = '';
  let stderr = '';
  let peak = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const poll = setInterval(() => {
    peak = Math.max(peak, vmHwmMiB(pid));
  }, 100);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(poll);
      leftovers.pids.delete(pid);
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ stdout, seconds, peakRssMiB: peak });
      else reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${stderr.slice(-3000)}`));
    });
  });
}

function vmHwmMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
