// The yardstick: a Fastify handler that parses the same JSON as Panorama and answers 200
// without validating or storing anything. Usage: node --import tsx bare-server.ts [port]
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 500 * 1024 });
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
  try {
    done(null, JSON.parse(body.toString()));
  } catch (error) {
    done(error as Error);
  }
});
app.post('/v1/batch', async (request) => {
  const batch = (request.body as { batch?: unknown[] } | null)?.batch ?? [];
  return { success: true, accepted: batch.length, duplicates: 0 };
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
const url = await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
process.stdout.write(`Bare handler listening on ${url}\n`);
