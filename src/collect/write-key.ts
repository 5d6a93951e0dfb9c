import type { IncomingHttpHeaders } from 'node:http';

/**
 * Finds the write key where Segment and RudderStack clients put it: the HTTP Basic user name
 * (with or without the trailing colon), the `X-Write-Key` header, or `writeKey` in the body.
 */
export function writeKeyOf(headers: IncomingHttpHeaders, body: unknown): string | undefined {
  const authorization = headers.authorization;
  if (authorization && /^basic\s+/i.test(authorization)) {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const user = decoded.split(':')[0]?.trim();
    if (user) return user;
  }
  const header = headers['x-write-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const fromBody = (body as { writeKey?: unknown } | null)?.writeKey;
  if (typeof fromBody === 'string' && fromBody.trim() !== '') return fromBody.trim();
  return undefined;
}
