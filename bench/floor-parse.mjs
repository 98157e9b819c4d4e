// The offline floor: a bare Node script that reads a file line by line and JSON.parses each line, nothing else.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

let records = 0;
const lines = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of lines) {
  if (line.length > 0) {
    JSON.parse(line);
    records++;
  }
}
process.stdout.write(`${records}\n`);
