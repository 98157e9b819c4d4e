import type { ServedConversation } from '../data/index.js';
import { badRequest } from './http-error.js';
import type { DetailFilter, DetailPredicate } from './details-schemas.js';

type Lookup = (dimension: string) => unknown;

/**
 * A predicate for detail-query filters. Conversation filters look at conversation fields (conversationId,
 * originatingDirection, ...). Segment filters are evaluated per segment, where a dimension is read from the
 * segment (queueId, segmentType, ...), else its session (mediaType, direction, ...), else its participant
 * (userId, purpose): a conversation matches when one segment satisfies the whole filter. Several filters in
 * one list must all match. Only dimension predicates are simulated.
 */
export function conversationMatcher(
  conversationFilters: DetailFilter[] = [],
  segmentFilters: DetailFilter[] = [],
): (c: ServedConversation) => boolean {
  for (const f of [...conversationFilters, ...segmentFilters]) checkFilter(f);
  if (conversationFilters.length === 0 && segmentFilters.length === 0) return () => true;
  return (c) =>
    conversationFilters.every((f) => filterHolds(f, (d) => c[d])) &&
    segmentFilters.every((f) => someSegment(c, (lookup) => filterHolds(f, lookup)));
}

function someSegment(c: ServedConversation, test: (lookup: Lookup) => boolean): boolean {
  for (const p of records(c.participants)) {
    for (const s of records(p.sessions)) {
      for (const seg of records(s.segments)) if (test((d) => seg[d] ?? s[d] ?? p[d])) return true;
    }
  }
  return false;
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

function filterHolds(f: DetailFilter, lookup: Lookup): boolean {
  const results = [
    ...(f.predicates ?? []).map((p) => predicateHolds(p, lookup)),
    ...(f.clauses ?? []).map((cl) => {
      const r = cl.predicates.map((p) => predicateHolds(p, lookup));
      return cl.type === 'and' ? r.every(Boolean) : r.some(Boolean);
    }),
  ];
  return f.type === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function predicateHolds(p: DetailPredicate, lookup: Lookup): boolean {
  const actual = lookup(p.dimension!);
  switch (p.operator ?? 'matches') {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    default:
      return actual !== undefined && actual !== null && String(actual) === p.value;
  }
}

function checkFilter(f: DetailFilter): void {
  const predicates = [...(f.predicates ?? []), ...(f.clauses ?? []).flatMap((c) => c.predicates)];
  if (predicates.length === 0) throw badRequest('A filter needs at least one predicate or clause');
  for (const p of predicates) {
    if ((p.type ?? 'dimension') !== 'dimension' || !p.dimension) {
      throw badRequest('The simulator supports only dimension predicates ({dimension, operator?, value})');
    }
    if ((p.operator ?? 'matches') === 'matches' && p.value === undefined) {
      throw badRequest(`Predicate on "${p.dimension}" with operator matches needs a value`);
    }
    if (p.range !== undefined) throw badRequest(`The simulator does not support range predicates ("${p.dimension}")`);
  }
}
