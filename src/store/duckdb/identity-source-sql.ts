/**
 * The SQL identity reads the stored events with (see identity-source.ts). Each event travels as
 * one tab-separated line holding only what extraction reads; a chunk is the lines of one
 * workspace's events in one slice of time.
 */

/** What a field holds when the column is NULL. */
const nullField = '\\N';

/** The text columns of an event a line carries, in their order. */
const textColumns = ['message_id', 'type', 'user_id', 'anonymous_id', 'previous_id'];

/** A text column as one field of a line: NULL as `\N`, and when `escaped`, `\`, tab and newline as `\\`, `\t`, `\n`. */
function field(column: string, escaped: boolean): string {
  const text = escaped
    ? `replace(replace(replace(${column}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n')`
    : column;
  return `coalesce(${text}, '${nullField}')`;
}

/**
 * A JSON column as one field of a line. A JSON text can hold a tab or a newline only between its
 * tokens (DuckDB refuses one inside a string), where a space means the same.
 */
function jsonField(column: string): string {
  return `coalesce(replace(replace(${column}::VARCHAR, chr(9), ' '), chr(10), ' '), '${nullField}')`;
}

/** An event as one line of tab-separated fields (see `sourceEventsOf`). */
function line(escaped: boolean): string {
  const [messageId, type, ...ids] = textColumns.map((column) => field(column, escaped));
  const bags = ['traits', 'properties', 'context'].map(jsonField);
  return `concat_ws(chr(9), ${messageId}, epoch_ms(timestamp), ${type}, ${[...ids, ...bags].join(', ')})`;
}

/** The span of the events' times, and their number: a chunk is a slice of that span. */
export const sourceSpanSql = `SELECT min(epoch_ms(timestamp)) AS first, max(epoch_ms(timestamp)) AS last,
  count(*) AS events FROM events`;

/**
 * Whether `context` may hold `traits` or `externalIds`: a key is written out in the JSON text,
 * unless some character of it is `\u`-escaped. Reading the text costs much less than parsing it.
 */
const contextMayHold = `(contains(context::VARCHAR, 'traits') OR contains(context::VARCHAR, 'externalIds')
  OR contains(context::VARCHAR, '\\u'))`;

/**
 * The sets of names used in traits and properties, for extraction to say which it reads
 * (distinct sets: fewer than distinct names once a million events are read). `context.traits`
 * is left out: it is there to carry who the person is, and reading it again costs more than
 * sending it.
 */
export const sourceNamesSql = `SELECT DISTINCT names FROM (
    SELECT json_keys(traits) AS names FROM events WHERE traits IS NOT NULL
    UNION ALL SELECT json_keys(properties) FROM events WHERE properties IS NOT NULL
  )`;

/**
 * A bag (`traits`, `properties`) when one of its names is in `$names`; whole when `names` is
 * null (nobody said which names matter), never when it is empty.
 */
function bag(sql: string, names: readonly string[] | null): string {
  if (names === null) return sql;
  if (names.length === 0) return 'NULL';
  return `CASE WHEN list_has_any(json_keys(${sql}), from_json($names, '["VARCHAR"]')) THEN ${sql} END`;
}

/**
 * One row per workspace and slice of time (`$first`, `$width` in epoch milliseconds), in time
 * order, its events one line each. Lines are escaped only when one of their text fields must be.
 */
export function sourceChunksSql(names: readonly string[] | null): string {
  return `WITH source AS (
      SELECT workspace_id, message_id, timestamp, type, user_id, anonymous_id, previous_id,
        ${bag('traits', names)} AS traits, ${bag('properties', names)} AS properties,
        CASE WHEN ${contextMayHold} THEN context END AS context
      FROM events
    ), bags AS (
      SELECT * REPLACE (CASE WHEN context_traits IS NOT NULL OR external_ids IS NOT NULL
          THEN json_object('traits', context_traits, 'externalIds', external_ids) END AS context)
      FROM (SELECT *,
          CASE WHEN json_type(context->'traits') = 'OBJECT' THEN context->'traits' END AS context_traits,
          CASE WHEN json_type(context->'externalIds') = 'ARRAY' THEN context->'externalIds' END AS external_ids
        FROM source)
    ), lines AS (
      -- A line is escaped when one of its text fields holds a tab, a newline or a backslash
      -- (looked for in all of them at once: a third of the work of looking in each).
      SELECT workspace_id, (epoch_ms(timestamp) - $first::BIGINT) // $width::BIGINT AS slice,
        CASE WHEN contains(texts, '\\') OR contains(texts, chr(9)) OR contains(texts, chr(10))
          THEN ${line(true)} ELSE ${line(false)} END AS line
      FROM (SELECT *, concat(${textColumns.join(', ')}) AS texts FROM bags)
    )
    SELECT workspace_id, string_agg(line, chr(10)) AS chunk FROM lines
    GROUP BY workspace_id, slice ORDER BY slice, workspace_id`;
}
