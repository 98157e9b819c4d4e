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

  it('never wraps a narrow terminal', () => {
    const { stream, writes } = fakeStream(20);
    createProgress({ stream, enabled: true }).update(0, 10, 'a long label');
    expect(writes[0]).toBe(`\r[${'.'.repeat(18)}`); // 19 = 20 columns - 1
  });
});
