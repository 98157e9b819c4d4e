import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Table } from './printed-table.js';

/**
 * `--format parquet`: the report as one Parquet file, with typed columns so a lake engine (DuckDB, Trino, Spark,
 * BigQuery) reads it without a schema of its own.
 *
 * - interval_start / interval_end: TIMESTAMP(MILLIS, adjusted to UTC) rather than the printed ISO text: engines
 *   filter, partition and join on real timestamps, and text would have to be parsed in every query. The instant is
 *   exact; the report's zone is kept in the file's key-value metadata (`gcx.tz`) for rendering local times.
 * - counts (handled, offered, answered, …): INT64; seconds and percentages: DOUBLE; ids, names, media: UTF8
 *   strings; target_met: BOOLEAN. Types come from the column, never from the data, so an empty report has the
 *   same schema as a full one. Every column is OPTIONAL: the contract's empty cells are nulls.
 *
 * hyparquet-writer: pure JavaScript (nothing to compile or download), snappy built in, about 2–5 s per million
 * rows here — a month of a 1,000-agent org at 30 minutes is 1.4 million rows.
 */

type ParquetKind = 'timestamp' | 'string' | 'int64' | 'double' | 'boolean';

const TIMESTAMPS = new Set(['interval_start', 'interval_end']);
const COUNTS = new Set(['handled', 'offered', 'answered', 'answered_within', 'abandoned', 'abandoned_short', 'flowout', 'members', 'required_agents']);
const BOOLEANS = new Set(['target_met']);
const STRINGS = /(_id|_name|^media_type|^email|^state)$/;

export function parquetKind(column: string): ParquetKind {
  if (TIMESTAMPS.has(column)) return 'timestamp';
  if (COUNTS.has(column)) return 'int64';
  if (BOOLEANS.has(column)) return 'boolean';
  if (STRINGS.test(column)) return 'string';
  return 'double';
}

const SCHEMA: Record<ParquetKind, object> = {
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
};

export interface ParquetMeta {
  /** The zone the report's times were printed in. */
  tz?: string;
  createdBy?: string;
}

/** The file's schema: typed by column name, every column OPTIONAL. */
export function parquetSchema(columns: readonly string[]): object[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((name) => ({ name, repetition_type: 'OPTIONAL', ...SCHEMA[parquetKind(name)] })),
  ];
}

/**
 * Rows per row group: 1,000 first, then 100,000 — hyparquet-writer's own default split, so a file written group by
 * group is the same bytes as the whole table written at once, while memory holds one group (not a month of rows).
 */
const FIRST_GROUP_ROWS = 1000;
const GROUP_ROWS = 100_000;

/**
 * The file's bytes, yielded as each row group is complete (then the indexes and footer, which come last): rows are
 * read as they arrive and never all held, so a month of a large org costs one group's columns, not the table.
 */
export function* parquetChunks<C extends string>(table: Table<C>, meta: ParquetMeta = {}): Generator<Uint8Array> {
  const columns = table.columns;
  const convert = columns.map((column) => converter(parquetKind(column), column));
  const schema = parquetSchema(columns);
  const out = new ChunkWriter();
  const writer = new ParquetWriter({
    writer: out,
    schema: schema as never,
    kvMetadata: meta.tz ? [{ key: 'gcx.tz', value: meta.tz }] : [],
    createdBy: meta.createdBy ?? 'gcx-metrics',
  });
  let data: unknown[][] = columns.map(() => []);
  let groupRows = FIRST_GROUP_ROWS;
  let held = 0;
  const writeGroup = () => {
    // One call per group, sized to it: the writer makes exactly this row group and flushes it to `out`.
    void writer.write({ columnData: columns.map((name, i) => ({ name, data: data[i]! as never })), rowGroupSize: held });
    data = columns.map(() => []);
    held = 0;
    groupRows = GROUP_ROWS;
  };
  // Plain loops: this runs once per cell, and a month of a large org is tens of millions of cells.
  for (const row of table.rows) {
    for (let i = 0; i < columns.length; i++) data[i]!.push(convert[i]!(row[columns[i]!]));
    if (++held === groupRows) {
      writeGroup();
      yield* out.take();
    }
  }
  if (held > 0) writeGroup();
  void writer.finish();
  yield* out.take();
}

/** The whole file as one buffer (tests; the report writer streams parquetChunks). */
export function renderParquet<C extends string>(table: Table<C>, meta: ParquetMeta = {}): Uint8Array {
  return Buffer.concat([...parquetChunks(table, meta)]);
}

/** The writer's byte buffer, emptied at each row group (flush) and at the end: the parts wait in `take()`. */
class ChunkWriter extends ByteWriter {
  private parts: Uint8Array[] = [];

  flush(): void {
    if (this.index === 0) return;
    // A copy: the buffer is reused for the next group.
    this.parts.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }

  take(): Uint8Array[] {
    const parts = this.parts;
    this.parts = [];
    return parts;
  }
}

/** A cell to the value the writer takes for its column; the contract's empty cells become nulls. */
function converter(kind: ParquetKind, column: string): (cell: unknown) => unknown {
  switch (kind) {
    case 'timestamp':
      // The writer hands instants over as epoch ms (src/output/write-report.ts): nothing printed is parsed back.
      return (cell) => {
        if (cell === null || cell === undefined) return null;
        if (typeof cell !== 'number' || !Number.isFinite(cell)) throw new Error(`parquet: ${column} ${String(cell)} is not an instant`);
        return BigInt(cell);
      };
    case 'int64':
      return (cell) => (cell === null || cell === undefined || cell === '' ? null : BigInt(Math.round(Number(cell))));
    case 'double':
      return (cell) => (cell === null || cell === undefined || cell === '' ? null : Number(cell));
    case 'boolean':
      return (cell) => (cell === null || cell === undefined || cell === '' ? null : cell === true || cell === 'true');
    case 'string':
      return (cell) => (cell === null || cell === undefined ? null : String(cell));
  }
}
