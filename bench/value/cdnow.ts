import { access, readFile, writeFile } from 'node:fs/promises';

/**
 * Rewrites the whitespace-separated CDNOW master log (`customer_id date number_of_cds dollar_value`,
 * 69,659 rows, 23,570 customers) as a CSV with the same four columns.
 */
export async function writeCdnowCsv(master: string, path: string): Promise<{ rows: number }> {
  try {
    await access(master);
  } catch {
    throw new Error(`The CDNOW master log is not at ${master} (the shared data folder); give --cdnow FILE.`);
  }
  const lines = (await readFile(master, 'utf8')).trim().split('\n').slice(1);
  const csv = lines.map((line) => line.trim().split(/\s+/).join(','));
  await writeFile(path, `customer_id,date,cds,amount\n${csv.join('\n')}\n`);
  return { rows: csv.length };
}
