import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { UsageError } from '../errors.js';

type ReadFile = (file: string, encoding: 'utf8') => string;

/**
 * The `.env` file in `cwd` as a plain record. It is only parsed, never loaded into process.env: resolveConfig
 * decides precedence, so the file can never override the environment. Values are never logged.
 */
export function loadDotenv(cwd: string, readFile: ReadFile = fs.readFileSync): Record<string, string> {
  const file = path.join(cwd, '.env');
  let text: string;
  try {
    text = readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw new UsageError(`.env: cannot read ${file} (${code ?? (err as Error).message})`);
  }
  return parse(text);
}
