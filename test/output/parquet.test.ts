import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/output/printed-table.js';
import { OCCUPANCY_COLUMNS, SERVICE_LEVEL_COLUMNS } from '../../src/metrics/rows.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetChunks, parquetSchema, renderParquet } from '../../src/output/parquet.js';

/** Read back with hyparquet, a reader that shares no code with the writer's encoder. */
async function readBack(bytes: Uint8Array) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  return { metadata, rows: await parquetReadObjects({ file }) };
}

const AGENT = '6d2f5aa1-465b-4794-b8cd-a552d132d99b';

describe('parquet output', () => {
  it('writes typed occupancy columns; times are UTC instants, also across a fall-back hour', async () => {
    const table: Table = {
      columns: OCCUPANCY_COLUMNS,
      rows: [
        // 01:30 New York happens twice on 2026-11-01: first at -04:00, then at -05:00.
        { interval_start: Date.parse('2026-11-01T01:30:00-04:00'), interval_end: Date.parse('2026-11-01T01:00:00-05:00'), agent_id: AGENT, agent_name: 'Aiden Johnson', handled: 4, handle_s: 1232.917, talk_s: 1251.556, hold_s: 0, acw_s: 198.641, occupancy_pct: 68.5, on_queue_s: 1800, interacting_s: 1471.679, routing_occupancy_pct: 81.76, not_responding_s: 12.5 },
        { interval_start: Date.parse('2026-11-01T01:30:00-05:00'), interval_end: Date.parse('2026-11-01T02:00:00-05:00'), agent_id: AGENT, agent_name: 'Aiden Johnson', handled: 0, handle_s: 0, talk_s: 0, hold_s: 0, acw_s: 0, occupancy_pct: 0, on_queue_s: 0, interacting_s: 0, routing_occupancy_pct: null, not_responding_s: 0 },
      ],
    };
    const { metadata, rows } = await readBack(renderParquet(table, { tz: 'America/New_York' }));
    const types = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, [e.type, e.converted_type ?? null]]));
    expect(types).toEqual({
      interval_start: ['INT64', 'TIMESTAMP_MILLIS'],
      interval_end: ['INT64', 'TIMESTAMP_MILLIS'],
      agent_id: ['BYTE_ARRAY', 'UTF8'],
      agent_name: ['BYTE_ARRAY', 'UTF8'],
      handled: ['INT64', null],
      handle_s: ['DOUBLE', null],
      talk_s: ['DOUBLE', null],
      hold_s: ['DOUBLE', null],
      acw_s: ['DOUBLE', null],
      occupancy_pct: ['DOUBLE', null],
      on_queue_s: ['DOUBLE', null],
      interacting_s: ['DOUBLE', null],
      routing_occupancy_pct: ['DOUBLE', null],
      not_responding_s: ['DOUBLE', null],
    });
    expect(metadata.key_value_metadata).toEqual([{ key: 'gcx.tz', value: 'America/New_York' }]);
    expect(rows).toEqual([
      { interval_start: new Date('2026-11-01T05:30:00Z'), interval_end: new Date('2026-11-01T06:00:00Z'), agent_id: AGENT, agent_name: 'Aiden Johnson', handled: 4n, handle_s: 1232.917, talk_s: 1251.556, hold_s: 0, acw_s: 198.641, occupancy_pct: 68.5, on_queue_s: 1800, interacting_s: 1471.679, routing_occupancy_pct: 81.76, not_responding_s: 12.5 },
      { interval_start: new Date('2026-11-01T06:30:00Z'), interval_end: new Date('2026-11-01T07:00:00Z'), agent_id: AGENT, agent_name: 'Aiden Johnson', handled: 0n, handle_s: 0, talk_s: 0, hold_s: 0, acw_s: 0, occupancy_pct: 0, on_queue_s: 0, interacting_s: 0, routing_occupancy_pct: null, not_responding_s: 0 },
    ]);
  });

  it('writes service-level rows with nulls, booleans and an empty name', async () => {
    const base = { interval_start: Date.parse('2026-11-20T10:00:00Z'), interval_end: Date.parse('2026-11-20T10:30:00Z'), queue_id: 'q', queue_name: '', media_type: 'voice' };
    const table: Table = {
      columns: [...SERVICE_LEVEL_COLUMNS, 'target_pct', 'target_met', 'aht_s'],
      rows: [
        { ...base, offered: 10, answered: 7, answered_within: 5, abandoned: 2, abandoned_short: 1, flowout: 1, service_level_pct: 62.5, asa_s: 12.071, abandon_rate_pct: 20, threshold_s: 20, target_pct: 80, target_met: false, aht_s: 301.5 },
        { ...base, media_type: 'chat', offered: 0, answered: 0, answered_within: 0, abandoned: 0, abandoned_short: 0, flowout: 1, service_level_pct: null, asa_s: null, abandon_rate_pct: null, threshold_s: null, target_pct: null, target_met: null, aht_s: null },
      ] as Table['rows'],
    };
    const { metadata, rows } = await readBack(renderParquet(table));
    expect(metadata.schema.find((e) => e.name === 'target_met')?.type).toBe('BOOLEAN');
    expect(metadata.schema.find((e) => e.name === 'offered')?.type).toBe('INT64');
    expect(rows[0]).toMatchObject({ queue_name: '', offered: 10n, service_level_pct: 62.5, asa_s: 12.071, target_met: false, aht_s: 301.5 });
    expect(rows[1]).toMatchObject({ media_type: 'chat', flowout: 1n, service_level_pct: null, threshold_s: null, target_met: null });
  });

  it('gives an empty report the same schema and no rows', async () => {
    const { metadata, rows } = await readBack(renderParquet({ columns: OCCUPANCY_COLUMNS, rows: [] }));
    expect(rows).toEqual([]);
    expect(metadata.num_rows).toBe(0n);
    expect(metadata.schema.map((e) => e.name)).toEqual(['root', ...OCCUPANCY_COLUMNS]);
  });

  it('writes row groups of 1,000 then 100,000 rows as the rows arrive, the same bytes as the whole table at once', async () => {
    const n = 102_345;
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    let read = 0;
    const row = (i: number) => ({ interval_start: t0 + i * 1_800_000, interval_end: t0 + (i + 1) * 1_800_000, agent_id: AGENT, agent_name: `Agent ${i % 977}`, handled: i % 7, handle_s: i / 8, talk_s: 0, hold_s: 0, acw_s: 0, occupancy_pct: i % 3 === 0 ? null : 50.25, on_queue_s: 1800, interacting_s: 900, routing_occupancy_pct: 50, not_responding_s: 0 });
    const table: Table = {
      columns: OCCUPANCY_COLUMNS,
      rows: {
        *[Symbol.iterator]() {
          for (let i = 0; i < n; i++, read++) yield row(i);
        },
      } as Table['rows'],
    };
    const readWhenChunked: number[] = [];
    const parts: Uint8Array[] = [];
    for (const part of parquetChunks(table, { tz: 'UTC' })) {
      readWhenChunked.push(read);
      parts.push(part);
    }
    // The first group leaves after its 1,000th row is read and the second after row 101,000: none waits for the end.
    expect(readWhenChunked.slice(0, 2)).toEqual([999, 100_999]);
    const streamed = Buffer.concat(parts);
    const whole = new Uint8Array(parquetWriteBuffer({
      columnData: OCCUPANCY_COLUMNS.map((name) => ({
        name,
        data: Array.from({ length: n }, (_, i) => {
          const v = (row(i) as Record<string, unknown>)[name];
          return typeof v === 'number' && (name.startsWith('interval') || name === 'handled') ? BigInt(v) : v;
        }) as never,
      })),
      schema: parquetSchema(OCCUPANCY_COLUMNS) as never,
      kvMetadata: [{ key: 'gcx.tz', value: 'UTC' }],
      createdBy: 'gcx-metrics',
    }));
    expect(Buffer.compare(streamed, whole)).toBe(0);
    const file = streamed.buffer.slice(streamed.byteOffset, streamed.byteOffset + streamed.byteLength) as ArrayBuffer;
    const metadata = parquetMetadata(file);
    expect(metadata.row_groups.map((g) => g.num_rows)).toEqual([1000n, 100_000n, 1345n]);
    const last = await parquetReadObjects({ file, rowStart: n - 1, rowEnd: n });
    expect(last).toEqual([{ ...row(n - 1), interval_start: new Date(t0 + (n - 1) * 1_800_000), interval_end: new Date(t0 + n * 1_800_000), handled: BigInt((n - 1) % 7) }]);
  }, 60_000);
});
