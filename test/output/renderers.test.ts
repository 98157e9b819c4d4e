import { describe, expect, it } from 'vitest';
import type { Cell, Table } from '../../src/output/printed-table.js';
import { renderCsv } from '../../src/output/csv.js';
import { formatCell } from '../../src/output/format-cell.js';
import { renderJson } from '../../src/output/json.js';
import { renderNdjson } from '../../src/output/ndjson.js';
import { render } from '../../src/output/render.js';

const COLUMNS = ['interval_start', 'agent_name', 'handled', 'occupancy_pct'] as const;
type Row = Record<(typeof COLUMNS)[number], Cell>;
const ROWS: Row[] = [
  { interval_start: '2026-11-20T09:30:00+01:00', agent_name: 'Doe, "JD" Jane', handled: 12, occupancy_pct: 101.25 },
  { interval_start: '2026-11-20T10:00:00+01:00', agent_name: 'Li', handled: 0, occupancy_pct: null },
];
const table = (rows: Row[] = ROWS): Table<(typeof COLUMNS)[number]> => ({ columns: COLUMNS, rows });
const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('formatCell', () => {
  it('null → empty, numbers as String(n), never exponent notation', () => {
    expect([null, 'a', 0, 12.5, -3, 0.001].map(formatCell)).toEqual(['', 'a', '0', '12.5', '-3', '0.001']);
    expect(formatCell(1e-7)).toBe('0.0000001');
    expect(formatCell(1e21)).toBe('1000000000000000000000');
    expect(formatCell(Number.NaN)).toBe('');
  });

  it('booleans (target_met) as true / false; JSON keeps them booleans', () => {
    expect([true, false].map(formatCell)).toEqual(['true', 'false']);
    const flags = { columns: ['target_met'] as const, rows: [{ target_met: true }, { target_met: false }, { target_met: null }] };
    expect(text(renderCsv(flags))).toBe('target_met\ntrue\nfalse\n\n');
    expect(JSON.parse(text(renderJson(flags)))).toEqual([{ target_met: true }, { target_met: false }, { target_met: null }]);
  });
});

describe('renderCsv', () => {
  it('quotes only where RFC 4180 requires, numbers bare, null empty, \\n line ends', () => {
    expect(text(renderCsv(table()))).toBe(
      'interval_start,agent_name,handled,occupancy_pct\n' +
        '2026-11-20T09:30:00+01:00,"Doe, ""JD"" Jane",12,101.25\n' +
        '2026-11-20T10:00:00+01:00,Li,0,\n',
    );
  });

  it('quotes line breaks, including a lone CR', () => {
    const rows = [{ interval_start: 'a\nb', agent_name: 'c\rd', handled: 1, occupancy_pct: 2 }];
    expect(text(renderCsv(table(rows)))).toBe('interval_start,agent_name,handled,occupancy_pct\n"a\nb","c\rd",1,2\n');
  });

  it('prints the header with zero rows', () => {
    expect(text(renderCsv(table([])))).toBe('interval_start,agent_name,handled,occupancy_pct\n');
  });

  it('streams in batches and keeps every row', () => {
    const many = Array.from({ length: 1201 }, (_, i) => ({ ...ROWS[1]!, handled: i }));
    const chunks = [...renderCsv(table(many))];
    expect(chunks.length).toBe(1 + 3);
    const lines = chunks.join('').split('\n');
    expect(lines).toHaveLength(1 + 1201 + 1);
    expect(lines[1201]).toBe('2026-11-20T10:00:00+01:00,Li,1200,');
  });
});

describe('renderJson', () => {
  it('is one valid array of objects with exactly the column keys in order, typed values', () => {
    const rows = [{ ...ROWS[0]!, extra: 'dropped' } as Row];
    const out = text(renderJson(table([...rows, ROWS[1]!])));
    expect(out.endsWith(']\n')).toBe(true);
    const parsed = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(parsed).toEqual(ROWS);
    expect(Object.keys(parsed[0]!)).toEqual([...COLUMNS]);
    expect(parsed[1]!.occupancy_pct).toBeNull();
    expect(typeof parsed[0]!.handled).toBe('number');
  });

  it('is [] with a newline when empty, and one chunk per row otherwise', () => {
    expect(text(renderJson(table([])))).toBe('[]\n');
    expect([...renderJson(table())]).toHaveLength(3);
  });
});

describe('renderNdjson', () => {
  it('one object per line, nothing when empty', () => {
    const lines = text(renderNdjson(table())).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe('{"interval_start":"2026-11-20T10:00:00+01:00","agent_name":"Li","handled":0,"occupancy_pct":null}');
    expect(JSON.parse(lines[0]!)).toEqual(ROWS[0]);
    expect(text(renderNdjson(table([])))).toBe('');
  });
});

// renderTable: test/output/table.test.ts

describe('render', () => {
  it('dispatches on the format', async () => {
    expect(text(await render('csv', table([])))).toBe(text(renderCsv(table([]))));
    expect(text(await render('json', table([])))).toBe('[]\n');
    expect(text(await render('ndjson', table()))).toBe(text(renderNdjson(table())));
    expect(text(await render('table', table([])))).toContain('(no rows)');
  });
});
