import { UsageError } from '../errors.js';

/**
 * `--columns a,b,c` against the report's columns: the chosen ones in the order given (duplicates once), or exit 2
 * naming the first unknown name and every accepted one.
 */
export function selectColumns<C extends string>(available: readonly C[], requested: readonly string[]): C[] {
  const wanted = requested.map((name) => name.trim()).filter((name) => name !== '');
  if (wanted.length === 0) throw new UsageError(`--columns: no column given; choose from ${available.join(', ')}`);
  const unknown = wanted.find((name) => !(available as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new UsageError(`--columns: "${unknown}" is not a column of this report; choose from ${available.join(', ')}`);
  }
  return [...new Set(wanted)] as C[];
}
