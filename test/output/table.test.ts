import { describe, expect, it } from 'vitest';
import type { Cell, Table } from '../../src/output/printed-table.js';
import { cellWidth, terminalSafe } from '../../src/output/cell-width.js';
import { durationText } from '../../src/output/duration-text.js';
import { renderTable, tableOrder, type TableOptions } from '../../src/output/table.js';
import { fitColumns } from '../../src/output/table/fit-columns.js';
import { headerLines } from '../../src/output/table/header-lines.js';

type Row = Record<string, Cell>;
const text = (columns: readonly string[], rows: Row[], options?: TableOptions) =>
  [...renderTable({ columns, rows } as Table, options)].join('');

const OCC = ['interval_start', 'interval_end', 'agent_id', 'agent_name', 'handled', 'handle_s', 'occupancy_pct'];
const occ = (start: string, end: string, id: string, name: string, handled: number, handle: number, pct: number | null): Row => ({
  interval_start: start,
  interval_end: end,
  agent_id: id,
  agent_name: name,
  handled,
  handle_s: handle,
  occupancy_pct: pct,
});
const ROWS = [
  occ('2026-11-20T15:00:00-05:00', '2026-11-20T15:30:00-05:00', 'id-1', 'Aiden Johnson', 4, 1232.917, 68.5),
  occ('2026-11-20T15:00:00-05:00', '2026-11-20T15:30:00-05:00', 'id-2', 'Li', 0, 0, null),
  occ('2026-11-20T23:30:00-05:00', '2026-11-21T00:00:00-05:00', 'id-2', 'Li', 12, 9000.4, 100.25),
];

describe('renderTable', () => {
  it('names, then ratios, then other measures, ids last; numbers on the decimal point, durations h:mm:ss, short times', () => {
    expect(text(OCC, ROWS)).toBe(
      [
        'interval_start    interval_end  agent_name     occupancy_pct  handled  handle (h:mm:ss)  agent_id',
        '----------------  ------------  -------------  -------------  -------  ----------------  --------',
        '2026-11-20 15:00  15:30         Aiden Johnson          68.5         4           0:20:33  id-1',
        '2026-11-20 15:00  15:30         Li                                  0           0:00:00  id-2',
        '2026-11-20 23:30  24:00         Li                    100.25       12           2:30:00  id-2',
        '',
      ].join('\n'),
    );
  });

  it('orders service-level columns the same way: keys, ratios and target_met, counts, ids', () => {
    const columns = ['interval_start', 'queue_id', 'queue_name', 'media_type', 'offered', 'service_level_pct', 'asa_s', 'target_pct', 'target_met'];
    expect(tableOrder(columns)).toEqual(['interval_start', 'queue_name', 'media_type', 'service_level_pct', 'target_pct', 'target_met', 'offered', 'asa_s', 'queue_id']);
    // An id without its name beside it is what the row is about: it stays in front.
    expect(tableOrder(['interval_start', 'agent_id', 'handled'])).toEqual(['interval_start', 'agent_id', 'handled']);
  });

  it('dims rows where nothing happened, only with colour', () => {
    const dimRow = (row: Row) => row.handled === 0;
    const coloured = text(OCC, ROWS, { color: true, dimRow }).split('\n');
    expect(coloured[3]).toBe('\x1b[2m2026-11-20 15:00\x1b[22m  \x1b[2m15:30\x1b[22m         \x1b[2mLi\x1b[22m                                 \x1b[2m 0\x1b[22m           \x1b[2m0:00:00\x1b[22m  \x1b[2mid-2\x1b[22m');
    expect(coloured[2]).not.toContain('\x1b[2m');
    expect(text(OCC, ROWS, { dimRow })).toBe(text(OCC, ROWS));
  });

  it('keeps the order of chosen columns', () => {
    const out = text(['agent_id', 'handled'], ROWS.slice(0, 1), { chosen: true });
    expect(out.split('\n')[0]).toBe('agent_id  handled');
    expect(out.split('\n')[2]).toBe('id-1            4');
  });

  it('shows offsets when the table holds two (the repeated hour of a fall-back day)', () => {
    const rows = [
      occ('2026-11-01T01:30:00-04:00', '2026-11-01T01:00:00-05:00', 'a', 'A', 1, 60, 3.33),
      occ('2026-11-01T01:00:00-05:00', '2026-11-01T01:30:00-05:00', 'a', 'A', 1, 60, 3.33),
    ];
    const lines = text(OCC, rows).split('\n');
    expect(lines[2]!.startsWith('2026-11-01 01:30-04:00  01:00-05:00')).toBe(true);
    expect(lines[3]!.startsWith('2026-11-01 01:00-05:00  01:30-05:00')).toBe(true);
  });

  it('counts terminal cells: wide characters 2, combining marks 0, so the next column lines up', () => {
    const rows = ['李雷', 'Zoe\u0301', 'Ann'].map((name, i) => ({ name, n: i }));
    const lines = text(['name', 'n'], rows).split('\n');
    expect(lines.slice(2, 5)).toEqual(['李雷  0', 'Zoe\u0301   1', 'Ann   2']);
    for (const line of lines.slice(2, 5)) expect(cellWidth(line)).toBe(7);
  });

  it('prints control characters in data as ? (an agent name cannot drive the terminal)', () => {
    const out = text(['name'], [{ name: 'Eve\x1b[2J\u202eX\nY' }]);
    expect(out).not.toContain('\x1b');
    expect(out.split('\n')[2]).toBe('Eve?[2J?X Y');
  });

  it('leaves out the least important columns that do not fit (names, volume, ratios stay), naming them in one note', () => {
    const notes: string[] = [];
    const out = text(OCC, ROWS, { width: 60, note: (l) => notes.push(l) });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('interval_start    agent_name     occupancy_pct  handled');
    expect(lines[2]).toBe('2026-11-20 15:00  Aiden Johnson          68.5         4');
    expect(Math.max(...lines.map(cellWidth))).toBeLessThanOrEqual(60);
    expect(notes).toEqual([
      'table: not shown at 60 columns: interval_end, handle_s, agent_id (--columns chooses)',
    ]);
    expect(text(OCC, ROWS, { width: 200, note: (l) => notes.push(l) })).toBe(text(OCC, ROWS));
    expect(notes).toHaveLength(1);
  });

  it('splits long headers over two lines when that fits more columns', () => {
    const columns = ['agent_name', 'occupancy_pct', 'routing_occupancy_pct'];
    const rows = [{ agent_name: 'Ann', occupancy_pct: 68.5, routing_occupancy_pct: 81.76 }];
    const notes: string[] = [];
    const out = text(columns, rows, { width: 40, note: (l) => notes.push(l) });
    // Genesys's occupancy (routing_occupancy_pct) comes before the handle-time ratio.
    expect(out).toBe(
      [
        'agent_       routing_  occupancy_',
        'name    occupancy_pct         pct',
        '------  -------------  ----------',
        'Ann             81.76        68.5',
        '',
      ].join('\n'),
    );
    expect(notes).toEqual([]);
  });

  it('colours only when asked: bold header, target_met true green and false red', () => {
    const rows = [
      { queue_name: 'Sales', target_met: 'false' },
      { queue_name: 'Support', target_met: 'true' },
    ];
    const plain = text(['queue_name', 'target_met'], rows);
    expect(plain).not.toContain('\x1b');
    const coloured = text(['queue_name', 'target_met'], rows, { color: true }).split('\n');
    expect(coloured[0]).toBe('\x1b[1mqueue_name\x1b[22m  \x1b[1mtarget_met\x1b[22m');
    expect(coloured[2]).toBe('Sales       \x1b[31mfalse\x1b[39m');
    expect(coloured[3]).toBe('Support     \x1b[32mtrue\x1b[39m');
  });

  it('prints the header and (no rows) when empty', () => {
    expect(text(['interval_start', 'handled'], [])).toBe('interval_start  handled\n--------------  -------\n(no rows)\n');
  });

  it('renders 1.4 million rows (Math.max over a spread of every width overflowed the stack at ~125,000)', () => {
    const count = 1_400_000;
    function* rows() {
      for (let i = 0; i < count; i++) yield { agent_name: i === count - 1 ? 'Zoë Wide 李' : 'A', handled: i, occupancy_pct: i % 3 === 0 ? null : 12.5 };
    }
    let lines = 0;
    let last = '';
    for (const chunk of renderTable({ columns: ['agent_name', 'handled', 'occupancy_pct'], rows: rows() } as Table)) {
      lines++;
      last = chunk;
    }
    expect(lines).toBe(2 + count);
    expect(last).toBe('Zoë Wide 李           12.5  1399999\n');
  }, 120_000);
});

describe('table pieces', () => {
  it('durationText rounds to the second and does not wrap hours', () => {
    expect([0, 59.5, 1232.917, 3600, 604_800].map(durationText)).toEqual(['0:00:00', '0:01:00', '0:20:33', '1:00:00', '168:00:00']);
  });

  it('headerLines splits after an underscore only when that narrows the column', () => {
    expect(headerLines('routing_occupancy_pct', 6)).toEqual(['routing_', 'occupancy_pct']);
    expect(headerLines('occupancy_pct', 5)).toEqual(['occupancy_', 'pct']);
    expect(headerLines('handle_s', 7)).toEqual(['handle_s']);
    expect(headerLines('agent_name', 20)).toEqual(['agent_name']);
  });

  it('fitColumns keeps the first column always and stops at the first that does not fit', () => {
    expect(fitColumns([10, 5, 5], 100, 2)).toBe(3);
    expect(fitColumns([10, 5, 5], 17, 2)).toBe(2);
    expect(fitColumns([10, 5, 5], 16, 2)).toBe(1);
    expect(fitColumns([90, 5], 80, 2)).toBe(1);
  });

  it('terminalSafe leaves printable text alone', () => {
    expect(terminalSafe('Zoë 李雷 O\'Brien')).toBe('Zoë 李雷 O\'Brien');
  });
});

describe('what survives a narrow terminal', () => {
  const SL = ['interval_start', 'interval_end', 'queue_id', 'queue_name', 'media_type', 'offered', 'answered', 'answered_within', 'abandoned', 'abandoned_short', 'flowout', 'service_level_pct', 'asa_s', 'abandon_rate_pct', 'threshold_s', 'target_pct', 'target_met', 'aht_s'];
  const row = (): Row => ({
    interval_start: '2026-11-24T19:00:00Z', interval_end: '2026-11-24T19:30:00Z', queue_id: '080cdf8c-04d8-437d-a7b9-53d2bcbd82ea', queue_name: 'General Enquiries',
    media_type: 'message', offered: 12, answered: 9, answered_within: 7, abandoned: 3, abandoned_short: 0, flowout: 0, service_level_pct: 58.33,
    asa_s: 43, abandon_rate_pct: 25, threshold_s: 20, target_pct: 90, target_met: 'false', aht_s: 354,
  });

  it('service-level --threshold queue at 80 columns keeps the names, offered, the SL % and whether it met its goal; at 90 the goal too', () => {
    const notes: string[] = [];
    const lines = text(SL, [row()], { width: 80, note: (l) => notes.push(l) }).trimEnd().split('\n');
    const header = lines.slice(0, -2).join(' ');
    for (const c of ['interval_start', 'queue_name', 'media_', 'type', 'offered', 'service_', 'level_pct', 'target_', 'met']) expect(header).toContain(c);
    expect(Math.max(...lines.map(cellWidth))).toBeLessThanOrEqual(80);
    expect(notes[0]).toBe("table: not shown at 80 columns: interval_end, abandon_rate_pct, target_pct, answered, answered_within, abandoned, abandoned_short, flowout, asa_s, threshold_s, aht_s, queue_id (--columns chooses)");
    expect(notes[0]).not.toMatch(/offered|target_met|service_level_pct|queue_name/);
    const wider = text(SL, [row()], { width: 90, note: () => {} }).split('\n').slice(0, 2).join(' ');
    expect(wider).toMatch(/target_.*target_/);
  });

  it('fitByImportance takes by rank then table order, and stops at the first that does not fit', async () => {
    const { fitByImportance, importance } = await import('../../src/output/table.js');
    expect(fitByImportance([10, 10, 10, 10], [0, 3, 1, 2], 36, 2)).toEqual([true, false, true, true]);
    expect(fitByImportance([50, 10], [0, 1], 20, 2)).toEqual([true, false]);
    expect(['interval_start', 'queue_name', 'offered', 'service_level_pct', 'target_met', 'target_pct', 'abandon_rate_pct', 'interval_end', 'queue_id'].map(importance)).toEqual([0, 0, 1, 2, 2.1, 2.2, 2.5, 3, 4]);
  });
});
