import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FieldProblem } from '../errors.ts';
import type { EventType } from '../store/types.ts';
import { SegmentMessage } from './segment-schema.ts';

const shape = TypeCompiler.Compile(SegmentMessage);

export type Checked = { ok: true; message: SegmentMessage } | { ok: false; problems: FieldProblem[] };

/**
 * Checks one message against the Segment Spec: its shape, then the rules between fields.
 * `expectedType` is the endpoint's type (`/v1/track` ⇒ 'track'); batch items carry their own.
 */
export function checkMessage(raw: unknown, expectedType?: EventType): Checked {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('(message)', 'object', 'Each message must be a JSON object.');
  }
  if (!shape.Check(raw)) return { ok: false, problems: shapeProblems(raw) };
  const message = raw as SegmentMessage;
  const type = expectedType ?? message.type;
  if (type === undefined)
    return fail(
      'type',
      'required',
      'Every batch item needs a "type" (identify, track, page, screen, group or alias).',
    );
  const problems = ruleProblems(message, type);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, message };
}

function ruleProblems(message: SegmentMessage, type: EventType): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (type === 'alias') {
    if (!present(message.previousId)) problems.push(required('previousId', 'alias'));
    if (!present(message.userId)) problems.push(required('userId', 'alias'));
  } else if (!present(message.userId) && !present(message.anonymousId)) {
    problems.push({
      field: 'userId',
      rule: 'userId_or_anonymousId',
      message: 'Every message needs a "userId" or an "anonymousId" (a non-empty string).',
    });
  }
  if (type === 'track' && !present(message.event)) problems.push(required('event', 'track'));
  if (type === 'group' && !present(message.groupId)) problems.push(required('groupId', 'group'));
  for (const field of ['timestamp', 'originalTimestamp', 'sentAt'] as const) {
    const value = message[field];
    if (typeof value === 'string' && parseTime(value) === undefined) {
      problems.push({
        field,
        rule: 'iso8601',
        message: `"${field}" must be an ISO 8601 date-time such as 2026-03-01T10:15:00.000Z, got "${value.slice(0, 40)}".`,
      });
    }
  }
  return problems;
}

const isoDateTime =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Parses an ISO 8601 date or date-time; a time without offset is taken as UTC. */
export function parseTime(value: string): Date | undefined {
  const ms = parseTimeMs(value);
  return ms === undefined ? undefined : new Date(ms);
}

/**
 * The last texts parsed and their times: a message's timestamps are parsed when it is checked
 * and again when it is stored, and every item of a batch shares the batch's `sentAt`.
 */
const recentTexts: (string | undefined)[] = [undefined, undefined, undefined, undefined];
const recentTimes: (number | undefined)[] = [undefined, undefined, undefined, undefined];
let nextSlot = 0;

function parseTimeMs(value: string): number | undefined {
  for (let i = 0; i < recentTexts.length; i++) if (recentTexts[i] === value) return recentTimes[i];
  const ms = isCanonicalUtc(value) ? Date.parse(value) : parseAnyTime(value);
  const time = ms === undefined || Number.isNaN(ms) ? undefined : ms;
  recentTexts[nextSlot] = value;
  recentTimes[nextSlot] = time;
  nextSlot = (nextSlot + 1) % recentTexts.length;
  return time;
}

function parseAnyTime(value: string): number | undefined {
  if (!isoDateTime.test(value)) return undefined;
  const hasOffset = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(value.slice(10));
  const normalised = value.length > 10 && !hasOffset ? `${value}Z` : value;
  return Date.parse(normalised.replace(' ', 'T'));
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ`, as `Date#toISOString` writes it: no regular expression needed. */
function isCanonicalUtc(value: string): boolean {
  if (value.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const c = value.charCodeAt(i);
    const expected = canonicalShape.charCodeAt(i);
    if (expected === 100 /* d */ ? c < 48 || c > 57 : c !== expected) return false;
  }
  return true;
}

const canonicalShape = 'dddd-dd-ddTdd:dd:dd.dddZ';

function present(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '';
}

function required(field: string, type: EventType): FieldProblem {
  return { field, rule: 'required', message: `A ${type} message needs "${field}" (a non-empty string).` };
}

function fail(field: string, rule: string, message: string): Checked {
  return { ok: false, problems: [{ field, rule, message }] };
}

function shapeProblems(raw: object): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of shape.Errors(raw)) {
    const field = error.path.replace(/^\//, '').replaceAll('/', '.') || '(message)';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, rule: ruleName(field), message: `"${field}" ${describe(field, error.message)}` });
  }
  return problems;
}

function ruleName(field: string): string {
  if (field === 'type') return 'enum';
  if (field === 'messageId') return 'string_max_100';
  return 'type';
}

function describe(field: string, detail: string): string {
  if (field === 'type') return 'must be one of identify, track, page, screen, group, alias.';
  if (field === 'messageId') return 'must be a string of at most 100 characters.';
  if (['properties', 'traits', 'context', 'integrations'].includes(field)) return 'must be a JSON object.';
  if (['userId', 'anonymousId', 'groupId', 'previousId'].includes(field))
    return 'must be a string or a number.';
  return `is not valid: ${detail.toLowerCase()}.`;
}
