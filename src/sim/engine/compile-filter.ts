/** A query filter as a predicate over an observation's dimensions. Empty predicate lists constrain nothing. */
import type { Filter, Predicate } from './types.js';

export type Dims = Readonly<Record<string, string | undefined>>;
export type DimsTest = (dims: Dims) => boolean;

export function compileFilter(filter: Filter | undefined): DimsTest {
  if (!filter) return () => true;
  const tests: DimsTest[] = (filter.predicates ?? []).map(predicateTest);
  for (const c of filter.clauses ?? []) tests.push(combine(c.type, c.predicates.map(predicateTest)));
  return combine(filter.type, tests);
}

function combine(type: 'and' | 'or', tests: DimsTest[]): DimsTest {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0] as DimsTest;
  return type === 'and' ? (d) => tests.every((t) => t(d)) : (d) => tests.some((t) => t(d));
}

function predicateTest(p: Predicate): DimsTest {
  const { dimension, value } = p;
  switch (p.operator ?? 'matches') {
    case 'exists': return (d) => d[dimension] !== undefined;
    case 'notExists': return (d) => d[dimension] === undefined;
    default: return (d) => d[dimension] === value;
  }
}
