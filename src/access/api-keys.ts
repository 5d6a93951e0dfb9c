import { createHash, randomBytes } from 'node:crypto';
import { PanoramaError } from '../errors.ts';
import type { Store } from '../store/port.ts';
import { type ApiKey, type Role, roles } from '../store/types.ts';

/**
 * API keys open the JSON API (profiles, sources, reports) to people and programs; they are
 * distinct from write keys, which only let a source send events. A key is shown once, when it
 * is created: the store keeps its SHA-256 hash and its first characters.
 */
export function newApiKeySecret(): string {
  return `pk_${randomBytes(24).toString('base64url')}`;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Whether a key of role `held` may do what needs role `needed` (viewer < operator < admin). */
export function allows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** Creates a key; the answer carries the secret, which is never shown again. */
export async function createApiKey(
  store: Store,
  workspaceId: string,
  name: string,
  role: string,
): Promise<{ key: ApiKey; secret: string }> {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,63}$/u.test(trimmed)) {
    throw new PanoramaError(
      'access.invalid',
      `A key name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, got "${name}".`,
    );
  }
  if (!isRole(role)) {
    throw new PanoramaError('access.invalid', `Unknown role "${role}". Use one of: ${roles.join(', ')}.`);
  }
  const secret = newApiKeySecret();
  const key = await store.apiKeys.create({
    workspaceId,
    name: trimmed,
    role,
    keyHash: hashApiKey(secret),
    keyPrefix: secret.slice(0, 7),
  });
  return { key, secret };
}

/** The live key behind a secret, or an error saying why there is none. */
export async function keyFor(store: Store, secret: string | undefined): Promise<ApiKey> {
  if (!secret) {
    throw new PanoramaError(
      'access.missing_key',
      'This API needs an API key: send it as "Authorization: Bearer pk_…" or "X-Api-Key".',
    );
  }
  const key = await store.apiKeys.findByHash(hashApiKey(secret));
  if (!key) throw new PanoramaError('access.unknown_key', 'This API key is not known.');
  if (key.revokedAt) throw new PanoramaError('access.unknown_key', `The API key "${key.name}" was revoked.`);
  return key;
}

/** Throws unless the key's role covers `needed`. */
export function checkRole(key: ApiKey, needed: Role): void {
  if (!allows(key.role, needed)) {
    throw new PanoramaError(
      'access.forbidden',
      `The API key "${key.name}" has the role ${key.role}; this needs ${needed} or above.`,
    );
  }
}
