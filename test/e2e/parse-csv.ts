/** A strict RFC 4180 reader for the CLI's output: `\n` line ends, quoted fields may hold commas, quotes and newlines. */
export interface Csv {
  header: string[];
  rows: Array<Record<string, string>>;
}

export function parseCsv(text: string): Csv {
  if (!text.endsWith('\n')) throw new Error('CSV does not end with a newline');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field === '') {
      const close = readQuoted(text, i);
      field = close.value;
      i = close.next;
      continue;
    }
    if (ch === '\r') throw new Error(`CSV has a \\r at offset ${i}; the contract says \\n line ends`);
    if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  const [header, ...body] = records;
  if (!header) throw new Error('CSV has no header');
  const rows = body.map((cells, n) => {
    if (cells.length !== header.length) throw new Error(`CSV row ${n + 1} has ${cells.length} cells, header has ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, cells[k] as string]));
  });
  return { header, rows };
}

function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw new Error('CSV has an unterminated quoted field');
    if (ch === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      return { value, next: i + 1 };
    }
    value += ch;
    i++;
  }
}
