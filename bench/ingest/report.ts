import type { LoadResult } from './load.ts';
import { targets } from './options.ts';

export interface ServerFigures {
  name: string;
  load: LoadResult;
  /** Events per second: stored ones for Panorama, answered ones for the bare handler. */
  eventsPerSecond: number;
  peakRssMiB: number;
}

/** The closing table, and whether both targets are met. */
export function report(panorama: ServerFigures, bare: ServerFigures): { text: string; passed: boolean } {
  const ratio = panorama.eventsPerSecond / bare.eventsPerSecond;
  const rows = [
    ['', 'events/s', 'p50 ms', 'p99 ms', '200', '429', 'other', 'peak RSS MiB'],
    ...[panorama, bare].map((s) => [
      s.name,
      whole(s.eventsPerSecond),
      String(s.load.latencyMs.p50),
      String(s.load.latencyMs.p99),
      whole(s.load.requests.ok),
      whole(s.load.requests.overloaded),
      whole(s.load.requests.other + s.load.requests.errors + s.load.requests.timeouts),
      whole(s.peakRssMiB),
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const table = rows.map((r) => r.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  ')).join('\n');
  const rateOk = panorama.eventsPerSecond >= targets.storedEventsPerSecond;
  const ratioOk = ratio >= targets.ratioToBare;
  const text = [
    table,
    '',
    `${verdict(rateOk)} stored events/s ${whole(panorama.eventsPerSecond)} (target >= ${whole(targets.storedEventsPerSecond)})`,
    `${verdict(ratioOk)} ratio to bare handler ${ratio.toFixed(2)} (target >= ${targets.ratioToBare})`,
  ].join('\n');
  return { text, passed: rateOk && ratioOk };
}

function whole(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}
