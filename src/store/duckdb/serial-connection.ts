import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * A connection lent to one piece of work at a time: a transaction on it holds it alone, so no
 * other statement can slip inside. Failed work does not stop the work queued after it.
 */
export class SerialConnection {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly connection: DuckDBConnection) {}

  /** Runs work on the connection once the work before it is done. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs work inside BEGIN … COMMIT, rolled back if it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await this.connection.run('COMMIT');
        return result;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Takes the connection until the returned function is called. */
  hold(): Promise<() => void> {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    return new Promise((resolve) => {
      void this.exclusive(() => {
        resolve(release);
        return held;
      });
    });
  }
}
