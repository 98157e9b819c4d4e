import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/output/progress.js';

function fakeStream(columns = 80) {
  const writes: string[] = [];
  const stream = { columns, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('createProgress', () => {
  it('does nothing when disabled', () => {
    const { stream, writes } = fakeStream();
    const p = createProgress({ stream, enabled: false });
    p.update(1, 2, 'x');
    p.done();
    expect(writes).toEqual([]);
  });

  it('redraws one line with \\r, skips identical frames and clears it when done', () => {
    const { stream, writes } = fakeStream();
    const p = createProgress({ stream, enabled: true });
    p.update(1, 4, 'chunks');
    p.update(1, 4, 'chunks');
    p.update(4, 4);
    p.done();
    const first = '[######..................] 1/4 chunks';
    const second = '[########################] 4/4';
    expect(writes).toEqual([`\r${first}`, `\r${second.padEnd(first.length)}`, `\r${' '.repeat(second.length)}\r`]);
  });

  it('writes a message above the bar: clears the bar, writes the line, redraws the bar', () => {
    const { stream, writes } = fakeStream();
    const p = createProgress({ stream, enabled: true });
    p.above('before any bar\n');
    p.update(1, 4);
    p.above('demo: reporting on the simulated org\n');
    const bar = '[######..................] 1/4';
    expect(writes).toEqual(['before any bar\n', `\r${bar}`, `\r${' '.repeat(bar.length)}\r`, 'demo: reporting on the simulated org\n', `\r${bar}`]);
    const off = fakeStream();
    createProgress({ stream: off.stream, enabled: false }).above('a line\n');
    expect(off.writes).toEqual(['a line\n']);
  });

  it('never wraps a narrow terminal', () => {
    const { stream, writes } = fakeStream(20);
    createProgress({ stream, enabled: true }).update(0, 10, 'a long label');
    expect(writes[0]).toBe(`\r[${'.'.repeat(18)}`); // 19 = 20 columns - 1
  });
});
