import { messageIdMarker, sampleMessage } from './messages.ts';

/** One posted body and the number that names its events (`<run>-<batch>-<index>`). */
export interface BatchBody {
  batch: number;
  body: Buffer;
}

const templateCount = 8;

/**
 * Builds `/v1/batch` bodies with unique message ids. The JSON is serialised once per template
 * and split at the id markers, so a new body costs one string join, not a JSON.stringify.
 */
export class BatchBodies {
  private readonly templates: string[][];
  private nextBatch = 0;

  constructor(
    private readonly run: string,
    readonly eventsPerBatch: number,
  ) {
    const sentAt = new Date();
    this.templates = Array.from({ length: templateCount }, (_, t) => {
      const batch = Array.from({ length: eventsPerBatch }, (_, i) => sampleMessage(t * 1000 + i, i, sentAt));
      return JSON.stringify({ batch, sentAt: sentAt.toISOString() }).split(messageIdMarker);
    });
  }

  next(): BatchBody {
    const batch = this.nextBatch++;
    const parts = this.templates[batch % templateCount] as string[];
    let text = parts[0] as string;
    for (let i = 1; i < parts.length; i++) text += `${this.run}-${batch}-${i - 1}${parts[i]}`;
    return { batch, body: Buffer.from(text) };
  }

  /** How many bodies were handed out. */
  get batchesMade(): number {
    return this.nextBatch;
  }
}

/** The batch number inside a message id this generator made, or undefined for any other id. */
export function batchOf(run: string, messageId: string): number | undefined {
  const match = new RegExp(`^${run}-(\\d+)-\\d+$`).exec(messageId);
  return match ? Number(match[1]) : undefined;
}
