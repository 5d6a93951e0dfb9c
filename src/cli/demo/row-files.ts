import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';

export interface RowFile {
  source: string;
  kind: string;
  path: string;
  rows: number;
}

interface OpenFile extends RowFile {
  stream: WriteStream;
  header: readonly string[];
}

/**
 * The CSV files a business would export from its tills, help desk, survey tool, CRM…: one per
 * source, written as rows arrive, with the header its system uses.
 */
export class RowFiles {
  private readonly files = new Map<string, OpenFile>();

  constructor(
    private readonly dir: string,
    private readonly headers: Readonly<Record<string, readonly string[]>>,
  ) {}

  /** Appends a row to its source's file; waits when the disk is behind. */
  async write(source: string, kind: string, row: Record<string, string>): Promise<void> {
    const file = this.fileFor(source, kind);
    const line = stringify([file.header.map((column) => row[column] ?? '')]);
    file.rows += 1;
    if (!file.stream.write(line)) await once(file.stream, 'drain');
  }

  /** Closes every file and lists them. */
  async close(): Promise<RowFile[]> {
    const closed: RowFile[] = [];
    for (const { stream, header: _, ...file } of this.files.values()) {
      stream.end();
      await once(stream, 'finish');
      closed.push(file);
    }
    return closed;
  }

  private fileFor(source: string, kind: string): OpenFile {
    const existing = this.files.get(source);
    if (existing) return existing;
    const header = this.headers[kind];
    if (!header) throw new Error(`No file header is known for rows of kind "${kind}".`);
    const path = join(this.dir, `${source}.csv`);
    const stream = createWriteStream(path);
    stream.write(stringify([header]));
    const file = { source, kind, path, rows: 0, stream, header };
    this.files.set(source, file);
    return file;
  }
}
