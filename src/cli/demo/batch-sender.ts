import { setTimeout as sleep } from 'node:timers/promises';

export interface SenderTotals {
  requests: number;
  accepted: number;
  duplicates: number;
  retries: number;
}

export interface BatchSenderOptions {
  /** Most bytes of messages in one `/v1/batch` body (the API takes up to 500 KB). */
  maxBytes?: number;
  /** Most messages in one body (the API takes up to 2,500). */
  maxItems?: number;
  /** Requests in flight at once. */
  inFlight?: number;
  /** Attempts per request before giving up, for 429, 5xx and network errors. */
  attempts?: number;
}

/**
 * Sends Segment messages to a Panorama (or any Segment-compatible) collection API the way an
 * SDK does: gathered into `/v1/batch` requests, authenticated by the write key as the Basic
 * user name, retried on 429 (after `Retry-After`), 5xx and network errors. Any refused item is
 * an error: demo data must be valid.
 */
export class BatchSender {
  readonly totals: SenderTotals = { requests: 0, accepted: 0, duplicates: 0, retries: 0 };
  private pending: string[] = [];
  private pendingBytes = 0;
  private readonly running = new Set<Promise<void>>();
  private failure: Error | undefined;
  private readonly authorization: string;
  private readonly maxBytes: number;
  private readonly maxItems: number;
  private readonly inFlight: number;
  private readonly attempts: number;

  constructor(
    private readonly baseUrl: string,
    writeKey: string,
    options: BatchSenderOptions = {},
  ) {
    this.authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    this.maxBytes = options.maxBytes ?? 400_000;
    this.maxItems = options.maxItems ?? 500;
    this.inFlight = options.inFlight ?? 4;
    this.attempts = options.attempts ?? 8;
  }

  /** Queues one message; resolves when the caller may go on (at most `inFlight` requests run). */
  async add(message: object): Promise<void> {
    const json = JSON.stringify(message);
    if (this.pending.length > 0 && this.pendingBytes + json.length + 1 > this.maxBytes) await this.send();
    this.pending.push(json);
    this.pendingBytes += json.length + 1;
    if (this.pending.length >= this.maxItems) await this.send();
  }

  /** Sends what is queued and waits for every request to be answered. */
  async flush(): Promise<SenderTotals> {
    if (this.pending.length > 0) await this.send();
    await Promise.all(this.running);
    this.throwIfFailed();
    return this.totals;
  }

  private async send(): Promise<void> {
    this.throwIfFailed();
    const body = `{"sentAt":"${new Date().toISOString()}","batch":[${this.pending.join(',')}]}`;
    const items = this.pending.length;
    this.pending = [];
    this.pendingBytes = 0;
    const request = this.post(body, items).catch((error: Error) => {
      this.failure ??= error;
    });
    this.running.add(request);
    void request.finally(() => this.running.delete(request));
    while (this.running.size >= this.inFlight) await Promise.race(this.running);
  }

  private async post(body: string, items: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let retryAfterMs = 200 * 2 ** Math.min(attempt - 1, 5);
      try {
        const response = await fetch(`${this.baseUrl}/v1/batch`, {
          method: 'POST',
          headers: { authorization: this.authorization, 'content-type': 'application/json' },
          body,
        });
        status = response.status;
        const answer = (await response.json().catch(() => ({}))) as {
          accepted?: number;
          duplicates?: number;
          refused?: unknown[];
          error?: { message?: string };
        };
        if (status === 200) {
          this.totals.requests += 1;
          this.totals.accepted += answer.accepted ?? items;
          this.totals.duplicates += answer.duplicates ?? 0;
          return;
        }
        if (status !== 429 && status < 500) {
          const detail = answer.error?.message ?? JSON.stringify(answer.refused?.slice(0, 3));
          throw new Error(`The collection API refused a demo batch (${status}): ${detail}`);
        }
        const retryAfter = Number(response.headers.get('retry-after'));
        if (retryAfter > 0) retryAfterMs = retryAfter * 1000;
      } catch (error) {
        if (status !== 0) throw error;
        if (attempt >= this.attempts) throw error;
      }
      if (attempt >= this.attempts) throw new Error(`A demo batch still failed after ${attempt} attempts.`);
      this.totals.retries += 1;
      await sleep(retryAfterMs);
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
