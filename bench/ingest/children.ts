import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Everything the benchmark must undo on its way out, whether it succeeded or not. */
const leftovers = { children: new Set<ChildProcess>(), dirs: new Set<string>() };

export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  leftovers.dirs.add(dir);
  return dir;
}

export function cleanUp(): void {
  for (const child of leftovers.children) child.kill('SIGKILL');
  for (const dir of leftovers.dirs) rmSync(dir, { recursive: true, force: true });
  leftovers.children.clear();
  leftovers.dirs.clear();
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Peak resident memory so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** SIGTERM, then waits for a clean exit (Panorama flushes and checkpoints); fails on a non-zero code. */
  stop(): Promise<void>;
}

/** Starts a Node server child that prints `listening on http://…` once ready. */
export function startServer(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  leftovers.children.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/i.exec(output)?.[1];
      if (!url || child.pid === undefined) return;
      clearTimeout(timer);
      const pid = child.pid;
      resolve({
        url,
        pid,
        peakRssMiB: () => peakRssMiB(pid),
        stop: async () => {
          child.kill('SIGTERM');
          const code = await exited;
          leftovers.children.delete(child);
          if (code !== 0) throw new Error(`server exited with ${code}:\n${output.slice(-2000)}`);
        },
      });
    });
  });
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}
