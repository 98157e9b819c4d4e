import type { Cell } from './printed-table.js';

/**
 * A cell as CSV/table text: booleans as `true`/`false`; null (and a non-finite number, which can only be a bug upstream) → empty; numbers as
 * `String(n)`, except that the exponent forms JavaScript uses below 1e-6 and from 1e21 are written out in full.
 */
export function formatCell(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (!Number.isFinite(cell)) return '';
  const text = String(cell);
  if (!text.includes('e')) return text;
  if (Number.isInteger(cell)) return BigInt(cell).toString();
  // Only tiny fractions reach here; 20 digits is toFixed's limit and far beyond our 3-decimal values.
  return cell.toFixed(20).replace(/0+$/, '');
}
