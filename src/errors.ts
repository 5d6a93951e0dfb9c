/**
 * The catalogue of errors Panorama reports to people. Each code is stable (clients may match on it)
 * and carries the HTTP status it maps to.
 */
export const errorCatalogue = {
  'collect.invalid_json': 400,
  'collect.invalid_event': 400,
  'collect.invalid_batch': 400,
  'collect.missing_write_key': 401,
  'collect.unknown_write_key': 401,
  'collect.event_too_large': 413,
  'collect.batch_too_large': 413,
  'collect.unsupported_media_type': 415,
  'collect.overloaded': 429,
  'store.write_failed': 503,
  'store.locked': 409,
  'store.migration_failed': 500,
  'sources.not_found': 404,
  'sources.invalid': 400,
  'import.invalid_options': 400,
  'import.unreadable_file': 400,
  'import.invalid_mapping': 400,
  'import.missing_column': 400,
  'cli.invalid_option': 400,
  'access.missing_key': 401,
  'access.unknown_key': 401,
  'access.forbidden': 403,
  'access.invalid': 400,
  'cli.port_in_use': 409,
  'demo.already_loaded': 409,
  'identity.invalid_identifier': 400,
  'identity.unknown_identifier': 404,
  'identity.merge_not_found': 404,
  'identity.split_refused': 409,
  'identity.merge_refused': 409,
  'identity.not_ready': 503,
  'identity.review_not_found': 404,
  'identity.review_decided': 409,
  'identity.review_profile_gone': 409,
  'profiles.not_found': 404,
  'profiles.invalid_query': 400,
  'value.not_computed': 404,
  'journeys.invalid_definition': 400,
  'journeys.invalid_mapping': 400,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** One thing wrong with an input: the field, the rule it broke, and what to do about it. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class PanoramaError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'PanoramaError';
    this.code = code;
    this.status = errorCatalogue[code];
    this.details = details;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}
