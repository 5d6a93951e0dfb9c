import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../errors.ts';
import type { EventType, JsonObject, StoredEvent } from '../../store/types.ts';
import type { SegmentMessage } from '../segment-schema.ts';
import { type Arrival, toStoredEvent } from '../to-stored-event.ts';
import { type ImportKind, kindSpecs } from './kinds.ts';
import type { Mapping } from './mapping.ts';
import { parseDay, parseNumber, parseProducts, parseWhen, text } from './values.ts';

/** One record of the file, by column name (nested JSONL keys flattened to `a.b`). */
export type Row = Record<string, unknown>;

export type RowOutcome = { ok: true; event: StoredEvent } | { ok: false; problems: FieldProblem[] };

/** Reads mapped cells and notes every value it cannot understand, naming the column. */
class Cells {
  readonly problems: FieldProblem[] = [];

  constructor(
    private readonly mapping: Mapping,
    private readonly row: Row,
  ) {}

  raw(field: string): unknown {
    const column = this.mapping[field];
    return column === undefined ? undefined : this.row[column];
  }

  text(field: string): string | undefined {
    return text(this.raw(field));
  }

  number(field: string, what = 'a number'): number | undefined {
    const given = this.raw(field);
    if (text(given) === undefined) return undefined;
    const n = parseNumber(given);
    if (n === undefined) this.refuse(field, 'number', `is not ${what}`);
    return n;
  }

  date(field: string): string | undefined {
    const given = this.raw(field);
    if (text(given) === undefined) return undefined;
    const when = parseWhen(given);
    if (!when)
      this.refuse(field, 'date', 'is not a date (ISO 8601, dd/mm/yyyy [HH:MM[:SS]], yyyy-mm-dd or epoch ms)');
    return when?.toISOString();
  }

  refuse(field: string, rule: string, problem: string): void {
    const column = this.mapping[field] ?? field;
    const value = text(this.raw(field));
    const shown = value === undefined ? '' : ` "${value.slice(0, 60)}"`;
    this.problems.push({ field: column, rule, message: `column "${column}":${shown} ${problem}` });
  }
}

interface Shape {
  type: EventType;
  event?: string;
  /** The field holding when it happened; a row without it is refused unless `optional`. */
  when: { field: string; optional?: boolean };
  body: (c: Cells) => JsonObject;
}

const shapes: Record<ImportKind, Shape> = {
  orders: {
    type: 'track',
    event: 'Order Completed',
    when: { field: 'date' },
    body: (c) => {
      const total = c.number('amount', 'an amount');
      return {
        orderId: c.text('orderId'),
        total,
        revenue: total,
        currency: c.text('currency')?.toUpperCase() ?? 'EUR',
        store: c.text('store'),
        items: c.number('items'),
        products: parseProducts(c.raw('products')),
      };
    },
  },
  contacts: {
    type: 'identify',
    when: { field: 'createdAt', optional: true },
    body: (c) => ({
      firstName: c.text('firstName'),
      lastName: c.text('lastName'),
      email: c.text('email'),
      phone: c.text('phone') ?? c.text('mobile'),
      mobile: c.text('mobile'),
      city: c.text('city'),
      postalCode: c.text('postalCode'),
      country: c.text('country'),
      birthday: parseDay(c.raw('birthday')),
      lifecycleStage: c.text('lifecycleStage'),
      company: c.text('company'),
      createdAt: c.date('createdAt'),
    }),
  },
  tickets: {
    type: 'track',
    event: 'Ticket Opened',
    when: { field: 'createdAt' },
    body: (c) => ({
      ticketId: c.text('ticketId'),
      subject: c.text('subject'),
      description: c.text('description'),
      status: c.text('status'),
      priority: c.text('priority'),
      channel: c.text('channel'),
      agent: c.text('agent'),
      closedAt: c.date('closedAt'),
    }),
  },
  survey_responses: {
    type: 'track',
    event: 'Survey Answered',
    when: { field: 'respondedAt' },
    body: (c) => ({
      responseId: c.text('responseId'),
      surveyId: c.text('surveyId'),
      surveyType: c.text('surveyType')?.toLowerCase(),
      score: c.number('score', 'a score'),
      scale: c.text('scale'),
      comment: c.text('comment'),
      touchpoint: c.text('touchpoint'),
      orderId: c.text('orderId'),
      agent: c.text('agent'),
      employeeId: c.text('employeeId'),
      team: c.text('team'),
      language: c.text('language'),
    }),
  },
  reviews: {
    type: 'track',
    event: 'Review Posted',
    when: { field: 'postedAt' },
    body: (c) => ({
      reviewId: c.text('reviewId'),
      platform: c.text('platform'),
      rating: c.number('rating', 'a rating'),
      title: c.text('title'),
      text: c.text('text'),
      author: c.text('author'),
      url: c.text('url'),
      product: c.text('product'),
      language: c.text('language'),
    }),
  },
  mentions: {
    type: 'track',
    event: 'Social Mention',
    when: { field: 'postedAt' },
    body: (c) => ({
      mentionId: c.text('mentionId'),
      network: c.text('network')?.toLowerCase(),
      handle: c.text('handle'),
      authorName: c.text('authorName'),
      text: c.text('text'),
      url: c.text('url'),
      language: c.text('language'),
    }),
  },
};

/** `imp-<kind>-<sha1>`: the same row of the same source always gets the same id, so re-imports are duplicates. */
export function importMessageId(sourceId: string, kind: ImportKind, naturalKey: string): string {
  const digest = createHash('sha1').update(`${sourceId}\u0000${kind}\u0000${naturalKey}`).digest('hex');
  return `imp-${kind}-${digest}`;
}

/**
 * Turns one row into the event Panorama keeps, or says why it cannot. Identifiers go where the
 * identity module reads them: `userId` (customer id), `context.traits` (email, phone, and
 * `social: {network, handle}` for a social account or a review platform's author), and
 * `context.externalIds` (loyalty card, CRM id).
 */
export function rowToEvent(kind: ImportKind, mapping: Mapping, row: Row, arrival: Arrival): RowOutcome {
  const cells = new Cells(mapping, row);
  const shape = shapes[kind];
  const keyField = kindSpecs[kind].keyFields.find((f) => cells.text(f) !== undefined);
  if (keyField === undefined) {
    const field = kindSpecs[kind].keyFields[0] as string;
    cells.refuse(field, 'required', 'is empty: every row needs its id');
    return { ok: false, problems: cells.problems };
  }
  const timestamp = cells.date(shape.when.field);
  if (cells.text(shape.when.field) === undefined && !shape.when.optional) {
    cells.refuse(shape.when.field, 'required', 'is empty: every row needs its date');
  }
  const body = compact(shape.body(cells));
  const context = identifiersOf(kind, cells, body);
  const userId = cells.text('customerId');
  const anonymousEmployee = kind === 'survey_responses' && body.employeeId !== undefined;
  if (userId === undefined && Object.keys(context).length === 0 && !anonymousEmployee) {
    cells.problems.push({
      field: '(identifiers)',
      rule: 'identifier',
      message:
        'no customer identifier: the row has no customer id, e-mail, phone, loyalty card, CRM id or handle',
    });
  }
  if (cells.problems.length > 0) return { ok: false, problems: cells.problems };
  const naturalKey = `${keyField}:${cells.text(keyField)}`;
  const message: SegmentMessage = {
    messageId: importMessageId(arrival.source.id, kind, naturalKey),
    ...(userId === undefined ? {} : { userId }),
    ...(shape.event ? { event: shape.event } : {}),
    ...(shape.type === 'identify' ? { traits: { ...body, ...extras(mapping, row, body) } } : {}),
    ...(shape.type === 'track' ? { properties: { ...body, ...extras(mapping, row, body) } } : {}),
    context: { ...context, library: { name: 'panorama-import' } },
    ...(timestamp ? { timestamp } : {}),
  };
  return { ok: true, event: toStoredEvent(message, shape.type, arrival) };
}

function identifiersOf(kind: ImportKind, cells: Cells, body: JsonObject): JsonObject {
  const traits = compact({ email: cells.text('email'), phone: body.phone ?? cells.text('phone') });
  if (kind === 'contacts' && body.mobile !== undefined) traits.mobile = body.mobile;
  const social =
    kind === 'mentions'
      ? { network: body.network, handle: body.handle }
      : kind === 'reviews'
        ? { network: body.platform, handle: body.author }
        : {};
  if (social.handle !== undefined) traits.social = compact(social);
  const externalIds = [
    ['loyaltyCard', 'loyalty_card'],
    ['crmId', 'crm_id'],
  ].flatMap(([field, type]) => {
    const id = cells.text(field as string);
    return id === undefined ? [] : [{ id, type, collection: 'users', encoding: 'none' }];
  });
  return compact({
    traits: Object.keys(traits).length > 0 ? traits : undefined,
    externalIds: externalIds.length > 0 ? externalIds : undefined,
  });
}

/** Unmapped columns are kept too, under their own header, so nothing in the file is lost. */
function extras(mapping: Mapping, row: Row, body: JsonObject): JsonObject {
  const mapped = new Set(Object.values(mapping));
  const out: JsonObject = {};
  for (const [column, value] of Object.entries(row)) {
    if (mapped.has(column) || column in body || text(value) === undefined) continue;
    out[column] = value;
  }
  return out;
}

function compact(bag: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(bag)) if (value !== undefined) out[key] = value;
  return out;
}
