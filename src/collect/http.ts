import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PanoramaError } from '../errors.ts';
import type { EventType, Source } from '../store/types.ts';
import type { EventWriter } from './event-writer.ts';
import { type Intake, limits, takeIn } from './intake.ts';
import { CollectAnswer, SegmentBatch, SegmentMessage } from './segment-schema.ts';
import type { SourceDirectory } from './source-directory.ts';
import { writeKeyOf } from './write-key.ts';

export interface CollectDependencies {
  writer: EventWriter;
  sources: SourceDirectory;
}

const singleTypes: readonly EventType[] = ['identify', 'track', 'page', 'screen', 'group', 'alias'];

/**
 * The Segment-compatible HTTP Tracking API: `/v1/{identify,track,page,screen,group,alias,batch}`.
 * A 200 means every event of the request is on disk.
 */
export async function collectRoutes(app: FastifyInstance, deps: CollectDependencies): Promise<void> {
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, parseJson);
  // SDKs that compress their batches (RudderStack's do by default) send gzip or deflate bodies.
  // Size limits apply to the decompressed body.
  await app.register(compress, {
    globalCompression: false,
    globalDecompression: true,
    requestEncodings: ['gzip', 'deflate'],
    onUnsupportedRequestEncoding: (encoding) =>
      new PanoramaError(
        'collect.unsupported_media_type',
        `Content-Encoding "${encoding}" is not supported: send the body as is, gzip or deflate.`,
      ),
    // The plugin copies the returned error's fields onto the zlib error, not its message.
    onInvalidRequestPayload: (encoding, _request, error) => {
      error.message = `The ${encoding} body could not be decompressed: ${error.message}`;
      return new PanoramaError('collect.invalid_json', error.message);
    },
  });

  for (const type of singleTypes) {
    app.post(
      `/v1/${type}`,
      {
        bodyLimit: limits.maxEventBytes,
        schema: { tags: ['collect'], summary: `Send one ${type} message`, response: { 200: CollectAnswer } },
      },
      async (request, reply) => {
        const source = await authenticate(deps, request);
        const intake = takeIn([request.body], type, arrival(source, request), {}, 0);
        return answer(reply, intake, await deps.writer.write(intake.events, intake.refusals), 'single');
      },
    );
  }

  app.post(
    '/v1/batch',
    {
      bodyLimit: limits.maxBatchBytes,
      schema: {
        tags: ['collect'],
        summary: 'Send up to 2,500 messages at once',
        response: { 200: CollectAnswer },
      },
    },
    async (request, reply) => {
      const source = await authenticate(deps, request);
      const body = batchBody(request.body);
      const bytes = Number(request.headers['content-length'] ?? limits.maxBatchBytes);
      const intake = takeIn(body.batch, undefined, arrival(source, request, body.sentAt), body, bytes);
      return answer(
        reply,
        intake,
        await deps.writer.write(intake.events, intake.refusals),
        body.batch.length,
      );
    },
  );
}

/** Exposed so the OpenAPI document can describe the payload. */
export const collectSchemas = { SegmentMessage, SegmentBatch, CollectAnswer };

function parseJson(
  _request: FastifyRequest,
  body: string | Buffer,
  done: (err: Error | null, body?: unknown) => void,
) {
  try {
    done(null, JSON.parse(body.toString()));
  } catch (error) {
    done(
      new PanoramaError('collect.invalid_json', `The body is not valid JSON: ${(error as Error).message}`),
    );
  }
}

async function authenticate(deps: CollectDependencies, request: FastifyRequest): Promise<Source> {
  const key = writeKeyOf(request.headers, request.body);
  if (!key) {
    throw new PanoramaError(
      'collect.missing_write_key',
      'No write key: send it as the HTTP Basic user name, the X-Write-Key header or "writeKey" in the body.',
    );
  }
  const source = await deps.sources.byWriteKey(key);
  if (!source) throw new PanoramaError('collect.unknown_write_key', 'This write key belongs to no source.');
  return source;
}

function arrival(source: Source, request: FastifyRequest, batchSentAt?: string) {
  return { source, receivedAt: new Date(), origin: 'api' as const, requestIp: request.ip, batchSentAt };
}

function batchBody(body: unknown): SegmentBatch {
  const batch = (body as { batch?: unknown } | null)?.batch;
  if (!Array.isArray(batch)) {
    throw new PanoramaError('collect.invalid_batch', 'A batch body needs a "batch" array of messages.', {
      errors: [{ field: 'batch', rule: 'required_array', message: '"batch" must be an array.' }],
    });
  }
  if (batch.length > limits.maxBatchItems) {
    throw new PanoramaError(
      'collect.batch_too_large',
      `A batch may hold at most ${limits.maxBatchItems} messages; this one has ${batch.length}.`,
    );
  }
  const b = body as SegmentBatch;
  return { ...b, sentAt: typeof b.sentAt === 'string' ? b.sentAt : undefined } as SegmentBatch;
}

/**
 * 200 when every message was accepted; 207 when some were refused (the others are stored);
 * 400 (or 413 if size was the reason) when none could be accepted. Refused items are listed
 * with their index, field and rule, and kept in `refused_events`.
 */
function answer(
  reply: FastifyReply,
  intake: Intake,
  written: { stored: number; duplicates: number },
  /** A `/v1/batch` answer always counts what was accepted, even for a batch of one. */
  items: number | 'single',
): CollectAnswer {
  const { refused } = intake;
  if (refused.length === 0) {
    return items === 'single'
      ? { success: true }
      : { success: true, accepted: written.stored, duplicates: written.duplicates };
  }
  if (intake.events.length === 0) {
    const first = refused[0] as (typeof refused)[number];
    const tooLarge = refused.every((r) => r.rule === 'max_size_32kb');
    const summary =
      items === 'single' || items === 1
        ? first.message
        : `None of the ${items} messages was accepted; the first: ${first.message}`;
    throw new PanoramaError(tooLarge ? 'collect.event_too_large' : 'collect.invalid_event', summary, {
      refused,
    });
  }
  reply.code(207);
  return { success: false, accepted: written.stored, duplicates: written.duplicates, refused };
}
