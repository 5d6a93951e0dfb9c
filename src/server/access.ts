import type { FastifyRequest } from 'fastify';
import { checkRole, keyFor } from '../access/api-keys.ts';
import type { Store } from '../store/port.ts';
import type { ApiKey, Role } from '../store/types.ts';

/** The API key a JSON API request carries: `Authorization: Bearer pk_…` or `X-Api-Key`. */
function secretOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/** Resolves the request's key and checks it holds at least `role`; throws 401 or 403 otherwise. */
export async function requireRole(store: Store, request: FastifyRequest, role: Role): Promise<ApiKey> {
  const key = await keyFor(store, secretOf(request));
  checkRole(key, role);
  return key;
}

/** How the OpenAPI document describes the JSON API's security. */
export const apiKeySecurity = [{ apiKey: [] }];
