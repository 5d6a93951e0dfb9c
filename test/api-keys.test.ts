import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/access/api-keys.ts';
import { runPanorama } from './support/cli.ts';
import { post, type RunningPanorama, startPanorama } from './support/panorama.ts';

let panorama: RunningPanorama;
const secrets: Record<string, string> = {};

beforeAll(async () => {
  panorama = await startPanorama();
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    secrets[role] = (await createApiKey(panorama.store, 'default', `key-${role}`, role)).secret;
  }
});
afterAll(async () => panorama.stop());

async function call(method: string, path: string, secret?: string, body?: unknown) {
  const response = await fetch(`${panorama.url}${path}`, {
    method,
    headers: {
      ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function errorCode(answer: { body: Record<string, unknown> }): unknown {
  return (answer.body.error as { code?: string } | undefined)?.code;
}

describe('API keys', () => {
  it('keeps only a hash of the secret', async () => {
    const rows = await panorama.store.query<{ key_hash: string; key_prefix: string }>(
      "SELECT key_hash, key_prefix FROM api_keys WHERE name = 'key-admin'",
    );
    expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.key_hash).not.toContain(secrets.admin);
    expect(secrets.admin?.startsWith(rows[0]?.key_prefix as string)).toBe(true);
  });

  it('answers 401 without a key or with an unknown one, and never accepts a write key', async () => {
    expect(errorCode(await call('GET', '/api/v1/sources'))).toBe('access.missing_key');
    expect((await call('GET', '/api/v1/sources')).status).toBe(401);
    expect(errorCode(await call('GET', '/api/v1/sources', 'pk_nothing'))).toBe('access.unknown_key');
    expect((await call('GET', '/api/v1/sources', panorama.source.writeKey)).status).toBe(401);
  });

  it('lets a viewer list sources but only an admin create or rotate them (403 otherwise)', async () => {
    const list = await call('GET', '/api/v1/sources', secrets.viewer);
    expect(list.status).toBe(200);
    expect((list.body.sources as { name: string }[]).map((s) => s.name)).toContain('site-web');

    const denied = await call('POST', '/api/v1/sources', secrets.operator, {
      name: 'boutique',
      channel: 'store',
    });
    expect(denied.status).toBe(403);
    expect(errorCode(denied)).toBe('access.forbidden');

    const created = await call('POST', '/api/v1/sources', secrets.admin, {
      name: 'boutique',
      channel: 'store',
    });
    expect(created.status).toBe(201);
    const writeKey = created.body.writeKey as string;
    expect(writeKey).toMatch(/^wk_/);
  });

  it('a source created or rotated over the API takes events at once, and its old key stops', async () => {
    const created = await call('POST', '/api/v1/sources', secrets.admin, { name: 'appli', channel: 'app' });
    const oldKey = created.body.writeKey as string;
    const send = (key: string) =>
      fetch(`${panorama.url}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-write-key': key },
        body: JSON.stringify({ userId: 'u-api', event: 'App Opened' }),
      });
    expect((await send(oldKey)).status).toBe(200);
    const rotated = await call('POST', '/api/v1/sources/appli/rotate', secrets.admin);
    expect(rotated.status).toBe(200);
    expect((await send(oldKey)).status).toBe(401);
    expect((await send(rotated.body.writeKey as string)).status).toBe(200);
  });

  it('names bad input', async () => {
    const badChannel = await call('POST', '/api/v1/sources', secrets.admin, { name: 'x', channel: 'fax' });
    expect(badChannel.status).toBe(400);
    expect(errorCode(badChannel)).toBe('access.invalid');
    const duplicate = await call('POST', '/api/v1/sources', secrets.admin, {
      name: 'site-web',
      channel: 'web',
    });
    expect(duplicate.status).toBe(400);
    expect((duplicate.body.error as { message: string }).message).toMatch(/already exists/);
    const unknown = await call('POST', '/api/v1/sources/nope/rotate', secrets.admin);
    expect(unknown.status).toBe(404);
  });

  it('documents the JSON API in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${panorama.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/sources', '/v1/batch']));
  });

  it('refuses a revoked key at once', async () => {
    const { secret } = await createApiKey(panorama.store, 'default', 'short-lived', 'viewer');
    expect((await call('GET', '/api/v1/sources', secret)).status).toBe(200);
    await panorama.store.apiKeys.revoke('default', 'short-lived');
    const refused = await call('GET', '/api/v1/sources', secret);
    expect(refused.status).toBe(401);
    expect((refused.body.error as { message: string }).message).toMatch(/revoked/);
  });

  it('still leaves the collection API to write keys', async () => {
    expect((await post(panorama, '/v1/track', { userId: 'u', event: 'E' })).status).toBe(200);
  });
});

describe('panorama keys', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'panorama-keys-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('creates a key shown once, lists it by its first characters, and revokes it', async () => {
    const created = await runPanorama([
      'keys',
      'create',
      '--name',
      'marketing',
      '--role',
      'viewer',
      '--data',
      dir,
    ]);
    expect(created.code).toBe(0);
    const secret = /\n(pk_\S+)\n/.exec(created.stdout)?.[1] as string;
    expect(secret).toBeTruthy();
    const listed = await runPanorama(['keys', 'list', '--data', dir]);
    expect(listed.stdout).toMatch(/marketing\s+viewer\s+pk_\S{4}…\s+active/);
    expect(listed.stdout).not.toContain(secret);
    const revoked = await runPanorama(['keys', 'revoke', '--name', 'marketing', '--data', dir]);
    expect(revoked.code).toBe(0);
    expect((await runPanorama(['keys', 'list', '--data', dir])).stdout).toMatch(/marketing .* revoked/);
    const bad = await runPanorama(['keys', 'create', '--name', 'x', '--role', 'boss', '--data', dir]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are viewer, operator, admin/);
  }, 60_000);
});
