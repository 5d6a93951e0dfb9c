import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What was loaded, written to `<data>/demo/manifest.json` once the demo data is all in. */
export interface DemoManifest {
  customers: number;
  seed: number;
  shiftDate: string;
  end: string;
  days: number;
  loadedAt: string;
  api: { source: string; accepted: number; duplicates: number; requests: number }[];
  imports: { source: string; kind: string; rows: number; imported: number }[];
  /** Customer profiles after stitching. */
  profiles: number;
  groundTruth: string;
}

/** The folder of the simulator's ground truth, apart from the data. */
export function demoFolder(dataDir: string): string {
  return join(dataDir, 'demo');
}

export function manifestPath(dataDir: string): string {
  return join(demoFolder(dataDir), 'manifest.json');
}

/** The manifest of a demo already loaded in this data directory, if any. */
export async function readManifest(dataDir: string): Promise<DemoManifest | undefined> {
  try {
    return JSON.parse(await readFile(manifestPath(dataDir), 'utf8')) as DemoManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
