import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type RunningPanorama, startPanorama } from './support/panorama.ts';

let panorama: RunningPanorama;
beforeAll(async () => {
  panorama = await startPanorama();
});
afterAll(async () => panorama.stop());

async function storedEvents(where = 'TRUE') {
  return panorama.store.query<Record<string, unknown>>(
    `SELECT * FROM events WHERE ${where} ORDER BY received_at`,
  );
}

describe('Segment HTTP Tracking API', () => {
  it('stores a track and answers {success:true}', async () => {
    const answer = await post(panorama, '/v1/track', {
      userId: 'u-track',
      event: 'Order Completed',
      properties: { revenue: 42.5 },
      messageId: 'track-1',
    });
    expect(answer).toMatchObject({ status: 200, body: { success: true } });
    const [event] = await storedEvents("message_id = 'track-1'");
    expect(event).toMatchObject({
      type: 'track',
      name: 'Order Completed',
      user_id: 'u-track',
      channel: 'web',
    });
    expect(JSON.parse(event?.properties as string)).toEqual({ revenue: 42.5 });
  });

  for (const type of ['identify', 'page', 'screen'] as const) {
    it(`stores a ${type}`, async () => {
      const answer = await post(panorama, `/v1/${type}`, {
        anonymousId: `anon-${type}`,
        messageId: `m-${type}`,
      });
      expect(answer.status).toBe(200);
      const [event] = await storedEvents(`message_id = 'm-${type}'`);
      expect(event?.type).toBe(type);
    });
  }

  it('stores a group and an alias', async () => {
    expect(
      (await post(panorama, '/v1/group', { userId: 'u', groupId: 'g1', messageId: 'm-group' })).status,
    ).toBe(200);
    expect(
      (await post(panorama, '/v1/alias', { userId: 'u', previousId: 'anon', messageId: 'm-alias' })).status,
    ).toBe(200);
    const rows = await storedEvents("message_id IN ('m-group', 'm-alias')");
    expect(rows.map((r) => [r.type, r.group_id ?? r.previous_id])).toEqual([
      ['group', 'g1'],
      ['alias', 'anon'],
    ]);
  });

  it('generates a messageId when missing', async () => {
    await post(panorama, '/v1/track', { userId: 'no-id-user', event: 'Generated' });
    const [event] = await storedEvents("user_id = 'no-id-user'");
    expect(event?.message_id).toMatch(/^pan-[0-9a-f-]{36}$/);
  });

  it('keeps consent, ip, user agent, locale, campaign and library, and never the write key', async () => {
    await post(panorama, '/v1/page', {
      anonymousId: 'ctx-anon',
      messageId: 'm-context',
      writeKey: panorama.source.writeKey,
      context: {
        consent: { categoryPreferences: { marketing: false, analytics: true } },
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
        locale: 'fr-FR',
        page: { url: 'https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=soldes' },
        library: { name: 'analytics.js', version: '5.2.0' },
      },
    });
    const [event] = await storedEvents("message_id = 'm-context'");
    expect(event).toMatchObject({ ip: '203.0.113.7', user_agent: 'Mozilla/5.0', locale: 'fr-FR' });
    expect(event).toMatchObject({ library_name: 'analytics.js', library_version: '5.2.0' });
    expect(JSON.parse(event?.consent as string)).toEqual({ marketing: false, analytics: true });
    expect(JSON.parse(event?.campaign as string)).toEqual({
      source: 'newsletter',
      medium: 'email',
      name: 'soldes',
    });
    expect(JSON.stringify(event)).not.toContain(panorama.source.writeKey);
  });
});

describe('write keys', () => {
  const body = { userId: 'u', event: 'Key Test' };
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('accepts the key as Basic user name with and without the colon', async () => {
    for (const auth of [basic(`${panorama.source.writeKey}:`), basic(panorama.source.writeKey)]) {
      expect((await post(panorama, '/v1/track', body, { authorization: auth })).status).toBe(200);
    }
  });
  it('accepts the key in X-Write-Key and in the body', async () => {
    expect(
      (
        await post(panorama, '/v1/track', body, {
          authorization: '',
          'x-write-key': panorama.source.writeKey,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          panorama,
          '/v1/track',
          { ...body, writeKey: panorama.source.writeKey },
          { authorization: '' },
        )
      ).status,
    ).toBe(200);
  });
  it('answers 401 without a key', async () => {
    const answer = await post(panorama, '/v1/track', body, { authorization: '' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ success: false, error: { code: 'collect.missing_write_key' } });
  });
  it('answers 401 for an unknown key', async () => {
    const answer = await post(panorama, '/v1/track', body, { authorization: basic('wk_nope:') });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 'collect.unknown_write_key' } });
  });
});

describe('bad input', () => {
  it('answers 400 naming the problem for invalid JSON', async () => {
    const answer = await post(panorama, '/v1/track', '{"userId": "u", ');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'collect.invalid_json' } });
    expect((answer.body.error as { message: string }).message).toMatch(/not valid JSON/);
  });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['/v1/track', { event: 'x' }, 'userId', 'userId_or_anonymousId'],
    ['/v1/track', { userId: 'u' }, 'event', 'required'],
    ['/v1/group', { userId: 'u' }, 'groupId', 'required'],
    ['/v1/alias', { userId: 'u' }, 'previousId', 'required'],
    ['/v1/identify', { userId: 'u', traits: 'vip' }, 'traits', 'type'],
    ['/v1/page', { userId: 'u', timestamp: 'tomorrow' }, 'timestamp', 'iso8601'],
  ];
  for (const [path, body, field, rule] of cases) {
    it(`answers 400 on ${path} naming ${field} and the rule ${rule}`, async () => {
      const answer = await post(panorama, path, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ success: false, error: { code: 'collect.invalid_event' } });
      expect((answer.body.error as { refused: unknown[] }).refused).toContainEqual(
        expect.objectContaining({ field, rule }),
      );
    });
  }
  it('answers 413 for a message over 32 KB', async () => {
    const answer = await post(panorama, '/v1/track', {
      userId: 'u',
      event: 'big',
      properties: { x: 'a'.repeat(33_000) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'collect.event_too_large' } });
  });
  it('answers 413 for a batch over 500 KB', async () => {
    const batch = Array.from({ length: 60 }, (_, i) => ({
      type: 'track',
      userId: 'u',
      event: 'e',
      properties: { pad: 'p'.repeat(9_000), i },
    }));
    const answer = await post(panorama, '/v1/batch', { batch });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'collect.batch_too_large' } });
  });
  it('answers 413 for a batch of more than 2,500 items', async () => {
    const batch = Array.from({ length: 2501 }, () => ({ type: 'page', userId: 'u' }));
    const answer = await post(panorama, '/v1/batch', { batch });
    expect(answer.status).toBe(413);
    expect((answer.body.error as { message: string }).message).toMatch(/2500/);
  });
  it('answers 400 when batch is not an array', async () => {
    const answer = await post(panorama, '/v1/batch', { batch: 'nope' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'collect.invalid_batch' } });
  });
});

describe('batches', () => {
  it('merges top-level context and integrations into each item', async () => {
    await post(panorama, '/v1/batch', {
      context: { locale: 'fr-FR' },
      integrations: { All: false },
      batch: [
        {
          type: 'track',
          userId: 'u-batch',
          event: 'Shared',
          messageId: 'b-shared',
          context: { ip: '198.51.100.1' },
        },
      ],
    });
    const [event] = await storedEvents("message_id = 'b-shared'");
    expect(event).toMatchObject({ locale: 'fr-FR', ip: '198.51.100.1' });
    expect(JSON.parse(event?.integrations as string)).toEqual({ All: false });
  });

  it('stores the valid items of a partly invalid batch, answers 207 and lists every refused item', async () => {
    const answer = await post(panorama, '/v1/batch', {
      batch: [
        { type: 'track', userId: 'u-partial', event: 'Good 1', messageId: 'p-good-1' },
        { type: 'track', userId: 'u-partial', messageId: 'p-bad-event' },
        { userId: 'u-partial', messageId: 'p-bad-type' },
        { type: 'identify', userId: 'u-partial', messageId: 'p-good-2' },
        { type: 'track', event: 'Anonymous nobody', messageId: 'p-bad-id' },
      ],
    });
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ success: false, accepted: 2 });
    expect(answer.body.refused).toEqual([
      expect.objectContaining({ index: 1, messageId: 'p-bad-event', field: 'event', rule: 'required' }),
      expect.objectContaining({ index: 2, messageId: 'p-bad-type', field: 'type', rule: 'required' }),
      expect.objectContaining({
        index: 4,
        messageId: 'p-bad-id',
        field: 'userId',
        rule: 'userId_or_anonymousId',
      }),
    ]);
    const stored = await storedEvents("user_id = 'u-partial'");
    expect(stored.map((e) => e.message_id)).toEqual(['p-good-1', 'p-good-2']);
    const refused = await panorama.store.query<{ payload: string }>(
      "SELECT payload FROM refused_events WHERE payload LIKE '%p-bad-%' ORDER BY payload",
    );
    expect(refused).toHaveLength(3);
  });
});

describe('deduplication', () => {
  it('stores a retried message once', async () => {
    const message = { userId: 'u-dup', event: 'Retried', messageId: 'dup-1' };
    expect((await post(panorama, '/v1/track', message)).status).toBe(200);
    expect((await post(panorama, '/v1/track', message)).status).toBe(200);
    const batch = await post(panorama, '/v1/batch', {
      batch: [
        { ...message, type: 'track' },
        { ...message, type: 'track' },
      ],
    });
    expect(batch.body).toMatchObject({ success: true, accepted: 0, duplicates: 2 });
    expect(await storedEvents("message_id = 'dup-1'")).toHaveLength(1);
  });

  it('never changes a stored event: a later message with the same id but other content is a duplicate', async () => {
    const first = { userId: 'u-immutable', event: 'Order Completed', properties: { revenue: 10 } };
    expect((await post(panorama, '/v1/track', { ...first, messageId: 'immutable-1' })).status).toBe(200);
    const rewrite = {
      ...first,
      event: 'Order Refunded',
      properties: { revenue: -10 },
      messageId: 'immutable-1',
    };
    const answer = await post(panorama, '/v1/batch', { batch: [{ ...rewrite, type: 'track' }] });
    expect(answer.body).toMatchObject({ accepted: 0, duplicates: 1 });
    const stored = await storedEvents("message_id = 'immutable-1'");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'Order Completed' });
    expect(JSON.parse(stored[0]?.properties as string)).toEqual({ revenue: 10 });
  });
});

describe('time', () => {
  it('corrects the device clock and clamps the far future', async () => {
    const now = Date.now();
    await post(panorama, '/v1/batch', {
      sentAt: new Date(now + 3_600_000).toISOString(),
      batch: [
        {
          type: 'track',
          userId: 'u-time',
          event: 'Skewed',
          messageId: 't-skew',
          originalTimestamp: new Date(now + 3_600_000 - 60_000).toISOString(),
        },
        {
          type: 'track',
          userId: 'u-time',
          event: 'Future',
          messageId: 't-future',
          timestamp: new Date(now + 2 * 86_400_000).toISOString(),
        },
      ],
    });
    const rows = await storedEvents("user_id = 'u-time'");
    const skewed = rows.find((r) => r.message_id === 't-skew') ?? {};
    const future = rows.find((r) => r.message_id === 't-future') ?? {};
    const skewMs = (skewed.received_at as Date).getTime() - (skewed.timestamp as Date).getTime();
    expect(skewMs).toBe(60_000);
    expect(future).toMatchObject({ timestamp_clamped: true });
    expect((future.timestamp as Date).getTime()).toBe((future.received_at as Date).getTime());
  });
});
