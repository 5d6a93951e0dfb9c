import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { PanoramaError } from '../../errors.ts';

/**
 * The rejects file: a CSV of every refused line with its line number, the reason and the record
 * as it was in the file. Created at the first reject only.
 */
export class RejectsFile {
  private out: WriteStream | undefined;
  private failure: Error | undefined;
  count = 0;

  constructor(readonly path: string) {}

  async add(line: number, reason: string, record: string): Promise<void> {
    this.out ??= this.create();
    this.count += 1;
    if (!this.out.write(`${line},${csvField(reason)},${csvField(record)}\n`)) {
      await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
    }
    this.check();
  }

  async close(): Promise<void> {
    const out = this.out;
    if (!out) return;
    if (!out.destroyed) await new Promise<void>((resolve) => out.end(resolve));
    this.check();
  }

  private create(): WriteStream {
    const out = createWriteStream(this.path);
    out.on('error', (error) => {
      this.failure ??= error;
    });
    out.write('line,reason,record\n');
    return out;
  }

  private check(): void {
    if (this.failure) {
      throw new PanoramaError(
        'import.unreadable_file',
        `Cannot write the rejects file ${this.path}: ${this.failure.message}`,
      );
    }
  }
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
