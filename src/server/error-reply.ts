import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PanoramaError } from '../errors.ts';

/** Maps Fastify's own errors to Panorama's catalogue, so every answer has the same shape. */
function asPanoramaError(error: FastifyError | Error, url: string): PanoramaError {
  if (error instanceof PanoramaError) return error;
  const code = (error as FastifyError).code;
  const batch = url.startsWith('/v1/batch');
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return batch
        ? new PanoramaError('collect.batch_too_large', 'A batch may not exceed 500 KB.')
        : new PanoramaError('collect.event_too_large', 'A message may not exceed 32 KB.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PanoramaError('collect.unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PanoramaError('collect.invalid_json', 'The body is empty; send a JSON object.');
    case 'FST_ERR_VALIDATION':
      return url.startsWith('/api/')
        ? new PanoramaError('access.invalid', error.message)
        : new PanoramaError('collect.invalid_event', error.message);
  }
  const status = (error as FastifyError).statusCode;
  if (status === 400) return new PanoramaError('collect.invalid_json', error.message);
  return new PanoramaError('internal', 'Something went wrong inside Panorama; the error is in its log.');
}

/** Answers every error as `{ success: false, error: { code, message, ... } }` with the catalogue's status. */
export function replyWithError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const problem = asPanoramaError(error, request.url);
  if (problem.status >= 500) request.log.error({ err: error }, problem.message);
  const retryAfter = problem.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
  if (problem.code === 'store.write_failed') reply.header('Retry-After', '1');
  return reply.code(problem.status).send({ success: false, error: problem.toJSON() });
}
