import { parseTime } from './validate.ts';

export const maxFutureMs = 24 * 60 * 60 * 1000;

export interface EventTimes {
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  clamped: boolean;
}

/**
 * Works out when an event happened, as Segment does: a given `timestamp` is trusted; otherwise
 * the device clock is corrected for its skew, `receivedAt - (sentAt - originalTimestamp)`.
 * A time more than 24 h ahead of the server is brought back to `receivedAt` and flagged.
 */
export function eventTimes(
  fields: { timestamp?: string | null; originalTimestamp?: string | null; sentAt?: string | null },
  receivedAt: Date,
  batchSentAt?: string,
): EventTimes {
  const given = fields.timestamp ? parseTime(fields.timestamp) : undefined;
  const originalTimestamp = fields.originalTimestamp ? (parseTime(fields.originalTimestamp) ?? null) : null;
  const sentText = fields.sentAt ?? batchSentAt;
  const sentAt = sentText ? (parseTime(sentText) ?? null) : null;
  let timestamp: Date;
  if (given) timestamp = given;
  else if (originalTimestamp && sentAt) {
    timestamp = new Date(receivedAt.getTime() - (sentAt.getTime() - originalTimestamp.getTime()));
  } else timestamp = originalTimestamp ?? receivedAt;
  const clamped = timestamp.getTime() - receivedAt.getTime() > maxFutureMs;
  return { timestamp: clamped ? receivedAt : timestamp, originalTimestamp, sentAt, clamped };
}
