// zlib decompression alone: read a .gz file and inflate it, discarding the output. Megabyte reads and output
// chunks make it zlib's best case (the default 16 KB chunks take three times as long), so the floor is strict.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

let bytes = 0;
const gunzip = createGunzip({ chunkSize: 1 << 20 });
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 }).pipe(gunzip)) bytes += chunk.length;
process.stdout.write(`${bytes}\n`);
