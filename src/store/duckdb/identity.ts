import type { DuckDBConnection } from '@duckdb/node-api';
import type { IdentityStore } from '../port.ts';
import type {
  EventProfileRow,
  IdentityChange,
  IdentityImage,
  IdentitySourceEvent,
  IdentitySourceRequest,
  IdentityState,
  OperatorLinkRow,
  SplitRow,
} from '../types.ts';
import { droppedRowOf, linkRowOf, mergeRowOf, parsed, profileRowOf, splitRowOf } from './identity-rows.ts';
import { readSourceEvents } from './identity-source.ts';
import { SerialConnection } from './serial-connection.ts';

/** A table's columns and their types as rows travel (times as epoch milliseconds). */
type Columns = Record<string, 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'JSON' | 'TIME'>;

const profileColumns: Columns = {
  workspace_id: 'VARCHAR',
  profile_id: 'VARCHAR',
  first_seen: 'TIME',
  last_seen: 'TIME',
  events: 'BIGINT',
  merges: 'INTEGER',
};
const linkColumns: Columns = {
  workspace_id: 'VARCHAR',
  id_type: 'VARCHAR',
  id_value: 'VARCHAR',
  raw: 'VARCHAR',
  profile_id: 'VARCHAR',
  first_seen: 'TIME',
  last_seen: 'TIME',
};
const eventProfileColumns: Columns = {
  workspace_id: 'VARCHAR',
  message_id: 'VARCHAR',
  profile_id: 'VARCHAR',
};
const mergeColumns: Columns = {
  workspace_id: 'VARCHAR',
  merge_id: 'VARCHAR',
  merged_at: 'TIME',
  message_id: 'VARCHAR',
  rule: 'VARCHAR',
  into_profile_id: 'VARCHAR',
  absorbed: 'JSON',
  linked_by: 'JSON',
  sides: 'JSON',
  decided_by: 'VARCHAR',
  reason: 'VARCHAR',
};
const droppedColumns: Columns = {
  workspace_id: 'VARCHAR',
  message_id: 'VARCHAR',
  id_type: 'VARCHAR',
  id_value: 'VARCHAR',
  raw: 'VARCHAR',
  reason: 'JSON',
};
const splitColumns: Columns = {
  workspace_id: 'VARCHAR',
  split_id: 'VARCHAR',
  merge_id: 'VARCHAR',
  sides: 'JSON',
  decided_by: 'VARCHAR',
  decided_at: 'TIME',
  reason: 'VARCHAR',
};
const operatorLinkColumns: Columns = {
  workspace_id: 'VARCHAR',
  link_id: 'VARCHAR',
  identifiers: 'JSON',
  decided_by: 'VARCHAR',
  decided_at: 'TIME',
  reason: 'VARCHAR',
  rule: 'VARCHAR',
};
const stateColumns: Columns = {
  workspace_id: 'VARCHAR',
  events_stitched: 'BIGINT',
  rules_digest: 'VARCHAR',
  updated_at: 'TIME',
};

/** Rows per insert statement: bounds the text one statement carries. */
const rowsPerInsert = 50_000;
/** Rows per statement of the event → profile rows, sent as two newline-joined texts. */
const eventProfilesPerInsert = 100_000;

/**
 * A rebuild writes a row per event: two texts, one value per line, zipped by DuckDB's `unnest`,
 * cost a fifth of JSON lines (no `JSON.stringify`, no `from_json`). A message id holding a
 * newline goes as JSON lines instead.
 */
const insertEventProfilesSql = `INSERT INTO identity_event_profiles (workspace_id, message_id, profile_id)
  SELECT $w, unnest(string_split($messages, chr(10))), unnest(string_split($profiles, chr(10)))`;

/** The identity tables on DuckDB; writes run on a connection of their own, one at a time. */
export class DuckDBIdentity implements IdentityStore {
  private readonly serial: SerialConnection;

  constructor(private readonly connection: DuckDBConnection) {
    this.serial = new SerialConnection(connection);
  }

  async *sourceEvents(request: IdentitySourceRequest = {}): AsyncIterable<IdentitySourceEvent[]> {
    // The stream holds the connection until it is read to its end (or abandoned); one
    // transaction, so that the names and the span are those of the events read.
    const release = await this.serial.hold();
    try {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        yield* readSourceEvents(this.connection, request);
      } finally {
        await this.connection.run('COMMIT');
      }
    } finally {
      release();
    }
  }

  apply(workspaceId: string, change: IdentityChange): Promise<void> {
    return this.serial.transaction(async () => {
      const ids = JSON.stringify(change.profileIds);
      const messages = JSON.stringify(change.messageIds);
      if (change.reassigned.length > 0) {
        await this.connection.run(
          `UPDATE identity_event_profiles SET profile_id = m.heir
           FROM (SELECT unnest(from_json($moves::JSON, '[{"dead":"VARCHAR","heir":"VARCHAR"}]'), recursive := true)) m
           WHERE workspace_id = $w AND profile_id = m.dead`,
          {
            w: workspaceId,
            moves: JSON.stringify(change.reassigned.map((r) => ({ dead: r.from, heir: r.to }))),
          },
        );
      }
      for (const table of ['identity_profiles', 'identity_links'])
        await this.deleteWhereIn(table, 'profile_id', workspaceId, ids);
      for (const table of ['identity_event_profiles', 'identity_dropped'])
        await this.deleteWhereIn(table, 'message_id', workspaceId, messages);
      const merges = JSON.stringify([...change.undoneMergeIds, ...change.merges.map((m) => m.mergeId)]);
      await this.deleteWhereIn('identity_merges', 'merge_id', workspaceId, merges);
      await this.insertImage(workspaceId, change);
      await this.insertSplits(workspaceId, change.splits);
      await this.insertOperatorLinks(workspaceId, change.operatorLinks ?? []);
      await this.writeState(workspaceId, change.state);
    });
  }

  replace(
    workspaceId: string,
    image: IdentityImage,
    state: IdentityState,
    splits: readonly SplitRow[] = [],
    operatorLinks: readonly OperatorLinkRow[] = [],
  ): Promise<void> {
    return this.serial.transaction(async () => {
      for (const table of [
        'identity_profiles',
        'identity_links',
        'identity_event_profiles',
        'identity_merges',
        'identity_dropped',
      ])
        await this.connection.run(`DELETE FROM ${table} WHERE workspace_id = $w`, { w: workspaceId });
      await this.insertImage(workspaceId, image);
      await this.insertSplits(workspaceId, splits);
      await this.insertOperatorLinks(workspaceId, operatorLinks);
      await this.writeState(workspaceId, state);
    });
  }

  async read(workspaceId: string): Promise<IdentityImage> {
    const w = { w: workspaceId };
    const profiles = await this.rows(
      'SELECT * FROM identity_profiles WHERE workspace_id = $w ORDER BY profile_id',
      w,
    );
    const links = await this.rows(
      'SELECT * FROM identity_links WHERE workspace_id = $w ORDER BY id_type, id_value',
      w,
    );
    const events = await this.rows(
      'SELECT * FROM identity_event_profiles WHERE workspace_id = $w ORDER BY message_id',
      w,
    );
    const merges = await this.rows(
      'SELECT * FROM identity_merges WHERE workspace_id = $w ORDER BY merged_at, merge_id',
      w,
    );
    const dropped = await this.rows(
      'SELECT * FROM identity_dropped WHERE workspace_id = $w ORDER BY message_id, id_type, id_value',
      w,
    );
    return {
      profiles: profiles.map(profileRowOf),
      links: links.map(linkRowOf),
      eventProfiles: events.map((r) => ({
        messageId: String(r.message_id),
        profileId: String(r.profile_id),
      })),
      merges: merges.map(mergeRowOf),
      dropped: dropped.map(droppedRowOf),
    };
  }

  async state(workspaceId: string): Promise<IdentityState | undefined> {
    const [row] = await this.rows('SELECT * FROM identity_state WHERE workspace_id = $w', { w: workspaceId });
    return row
      ? { eventsStitched: Number(row.events_stitched), rulesDigest: String(row.rules_digest) }
      : undefined;
  }

  async splits(): Promise<(SplitRow & { workspaceId: string })[]> {
    const rows = await this.rows('SELECT * FROM identity_splits ORDER BY decided_at, split_id');
    return rows.map((r) => ({ workspaceId: String(r.workspace_id), ...splitRowOf(r) }));
  }

  async operatorLinks(): Promise<(OperatorLinkRow & { workspaceId: string })[]> {
    const rows = await this.rows('SELECT * FROM identity_operator_links ORDER BY decided_at, link_id');
    return rows.map((r) => ({
      workspaceId: String(r.workspace_id),
      linkId: String(r.link_id),
      identifiers: parsed(r.identifiers) as OperatorLinkRow['identifiers'],
      by: String(r.decided_by),
      at: r.decided_at as Date,
      reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
      rule: r.rule === 'probabilistic' ? 'probabilistic' : 'operator',
    }));
  }

  private async insertImage(workspaceId: string, image: IdentityImage): Promise<void> {
    const w = { workspace_id: workspaceId };
    await this.insert('identity_profiles', profileColumns, image.profiles, (p) => ({
      ...w,
      profile_id: p.profileId,
      first_seen: p.firstSeen.getTime(),
      last_seen: p.lastSeen.getTime(),
      events: p.events,
      merges: p.merges,
    }));
    await this.insert('identity_links', linkColumns, image.links, (l) => ({
      ...w,
      id_type: l.idType,
      id_value: l.idValue,
      raw: l.raw,
      profile_id: l.profileId,
      first_seen: l.firstSeen.getTime(),
      last_seen: l.lastSeen.getTime(),
    }));
    await this.insertEventProfiles(workspaceId, image.eventProfiles);
    await this.insert('identity_merges', mergeColumns, image.merges, (m) => ({
      ...w,
      merge_id: m.mergeId,
      merged_at: m.at.getTime(),
      message_id: m.messageId,
      rule: m.rule,
      into_profile_id: m.into,
      absorbed: m.absorbed,
      linked_by: m.linkedBy,
      sides: m.sides,
      decided_by: m.by ?? null,
      reason: m.reason ?? null,
    }));
    await this.insert('identity_dropped', droppedColumns, image.dropped, (d) => ({
      ...w,
      message_id: d.messageId,
      id_type: d.idType,
      id_value: d.idValue,
      raw: d.raw,
      reason: d.reason,
    }));
  }

  private async insertEventProfiles(workspaceId: string, rows: readonly EventProfileRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += eventProfilesPerInsert) {
      const slice = rows.slice(start, start + eventProfilesPerInsert);
      const messages: string[] = new Array(slice.length);
      const profiles: string[] = new Array(slice.length);
      let plain = true;
      slice.forEach((row, i) => {
        messages[i] = row.messageId;
        profiles[i] = row.profileId;
        if (row.messageId.includes('\n')) plain = false;
      });
      if (plain) {
        const texts = { w: workspaceId, messages: messages.join('\n'), profiles: profiles.join('\n') };
        await this.connection.run(insertEventProfilesSql, texts);
        continue;
      }
      await this.insert('identity_event_profiles', eventProfileColumns, slice, (e) => ({
        workspace_id: workspaceId,
        message_id: e.messageId,
        profile_id: e.profileId,
      }));
    }
  }

  private async insertSplits(workspaceId: string, splits: readonly SplitRow[]): Promise<void> {
    await this.insert('identity_splits', splitColumns, splits, (split) => ({
      workspace_id: workspaceId,
      split_id: split.splitId,
      merge_id: split.mergeId,
      sides: split.sides,
      decided_by: split.by,
      decided_at: split.at.getTime(),
      reason: split.reason,
    }));
  }

  private async insertOperatorLinks(workspaceId: string, links: readonly OperatorLinkRow[]): Promise<void> {
    await this.insert('identity_operator_links', operatorLinkColumns, links, (link) => ({
      workspace_id: workspaceId,
      link_id: link.linkId,
      identifiers: link.identifiers,
      decided_by: link.by,
      decided_at: link.at.getTime(),
      reason: link.reason,
      rule: link.rule,
    }));
  }

  private async writeState(workspaceId: string, state: IdentityState): Promise<void> {
    await this.connection.run('DELETE FROM identity_state WHERE workspace_id = $w', { w: workspaceId });
    await this.insert('identity_state', stateColumns, [state], (s) => ({
      workspace_id: workspaceId,
      events_stitched: s.eventsStitched,
      rules_digest: s.rulesDigest,
      updated_at: Date.now(),
    }));
  }

  private async deleteWhereIn(table: string, column: string, workspaceId: string, values: string) {
    if (values === '[]') return;
    await this.connection.run(
      `DELETE FROM ${table} WHERE workspace_id = $w
       AND ${column} IN (SELECT unnest(from_json($values::JSON, '["VARCHAR"]')))`,
      { w: workspaceId, values },
    );
  }

  /** Inserts rows sent as one JSON document per line (see event-rows.ts), in statements of bounded size. */
  private async insert<T>(
    table: string,
    columns: Columns,
    rows: readonly T[],
    row: (item: T) => Record<string, unknown>,
  ): Promise<void> {
    const shape = JSON.stringify(
      Object.fromEntries(Object.entries(columns).map(([c, t]) => [c, t === 'TIME' ? 'BIGINT' : t])),
    );
    const select = Object.entries(columns)
      .map(([c, t]) => (t === 'TIME' ? `make_timestamptz(r.${c} * 1000)` : `r.${c}`))
      .join(', ');
    const sql = `INSERT INTO ${table} (${Object.keys(columns).join(', ')}) SELECT ${select}
      FROM (SELECT from_json(line, '${shape}') AS r FROM (SELECT unnest(string_split($rows, chr(10))) AS line))`;
    for (let start = 0; start < rows.length; start += rowsPerInsert) {
      const text = rows
        .slice(start, start + rowsPerInsert)
        .map((item) => JSON.stringify(row(item)))
        .join('\n');
      await this.connection.run(sql, { rows: text });
    }
  }

  private async rows(sql: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
    const reader = await this.serial.exclusive(() => this.connection.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }
}
