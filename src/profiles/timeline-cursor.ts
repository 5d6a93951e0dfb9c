import { PanoramaError } from '../errors.ts';

/** Where a timeline page ended: the last event shown (time, then message id, both descending). */
export interface TimelinePosition {
  at: Date;
  messageId: string;
}

/** An opaque cursor a client sends back for the next page. */
export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.messageId])).toString('base64url');
}

export function decodeCursor(cursor: string): TimelinePosition {
  try {
    const [at, messageId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof messageId === 'string' && !Number.isNaN(date.getTime())) return { at: date, messageId };
  } catch {
    // Falls through to the error below.
  }
  throw new PanoramaError(
    'profiles.invalid_query',
    'cursor: not a cursor this API gave; pass the `next` value of the previous page as it is.',
  );
}
