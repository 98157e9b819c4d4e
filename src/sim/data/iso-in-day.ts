/**
 * `Date#toISOString` for instants of one UTC day, by arithmetic on a cached date prefix: a generated day formats
 * millions of timestamps, and this is several times faster. Outside the day it falls back to the built-in.
 */
import { flat } from './flat-string.js';

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export function isoInDay(dayStartMs: number): (ms: number) => string {
  const prefix = new Date(dayStartMs).toISOString().slice(0, 11);
  const dayEnd = dayStartMs + 86_400_000;
  return (ms) => {
    if (!(ms >= dayStartMs && ms < dayEnd) || !Number.isInteger(ms)) return new Date(ms).toISOString();
    let r = ms - dayStartMs;
    const milli = r % 1000;
    r = (r - milli) / 1000;
    const sec = r % 60;
    r = (r - sec) / 60;
    const min = r % 60;
    const hour = (r - min) / 60;
    return flat(`${prefix}${PAD2[hour]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}Z`);
  };
}
