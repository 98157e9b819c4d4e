import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { UsageError } from '../errors.js';

type ReadFile = (file: string) => string;

/**
 * The largest `.env` read. A real one is a few hundred bytes (a PEM bundle or long comments stay far below); the
 * bound keeps `ln -s /dev/zero .env`, or a log file saved as `.env`, from filling memory.
 */
export const DOTENV_MAX_BYTES = 1024 * 1024;

/**
 * The `.env` file in `cwd` as a plain record. It is only parsed, never loaded into process.env: resolveConfig
 * decides precedence, so the file can never override the environment. Values are never logged.
 */
export function loadDotenv(cwd: string, readFile: ReadFile = readDotenvFile): Record<string, string> {
  const file = path.join(cwd, '.env');
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw new UsageError(`.env: cannot read ${file} (${code ?? (err as Error).message})`);
  }
  return parse(text);
}

/**
 * Reads `file` only if it is (or a symlink leads to) a regular file of at most DOTENV_MAX_BYTES. It is opened
 * non-blocking, so a FIFO (which would block the event loop until a writer came, deaf to signals) or a device is
 * refused at once by its fstat, and the size is checked on the same descriptor that is read.
 */
export function readDotenvFile(file: string, maxBytes = DOTENV_MAX_BYTES): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new UsageError(`.env: ${file} is ${kindOf(stat)}, not a regular file; make .env a plain file of NAME=value lines, or remove it`);
    }
    if (stat.size > maxBytes) {
      throw new UsageError(`.env: ${file} is ${stat.size} bytes; the limit is ${maxBytes} (a .env holds a few NAME=value lines)`);
    }
    // One byte more than the limit: a file that grows between fstat and read is still caught.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > maxBytes) throw new UsageError(`.env: ${file} is over ${maxBytes} bytes (it grew while being read)`);
    return buffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}
