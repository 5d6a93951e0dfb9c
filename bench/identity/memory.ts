import { readFileSync } from 'node:fs';

/** Peak resident memory of a process so far (`VmHWM`), in MiB; this process by default. */
export function peakRssMiB(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}
