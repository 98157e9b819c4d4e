/**
 * The semantic rules the real API enforces beyond the body's shape. Each function returns what aggregation needs
 * (interval bounds and the bucket grid) or throws SimQueryError with a message naming the bad value.
 */
import { IANAZone } from 'luxon';
import { bucketGrid, type BucketGrid } from './bucket-grid.js';
import { CONVERSATION_DIMENSIONS, CONVERSATION_METRICS, USER_METRICS } from './names.js';
import { parseQueryInterval } from './parse-query-interval.js';
import { SimQueryError } from './sim-query-error.js';
import type { ConversationAggregateQuery, Filter, Predicate, UserAggregateQuery } from './types.js';

const METRICS = new Set(CONVERSATION_METRICS);
const DIMENSIONS = new Set(CONVERSATION_DIMENSIONS);
const MAX_VIEWS = 10;
const MAX_USER_PREDICATES = 100;

export interface ValidQuery { startMs: number; endMs: number; grid: BucketGrid }

function common(q: { interval: string; granularity?: string; timeZone?: string }): ValidQuery {
  const { startMs, endMs } = parseQueryInterval(q.interval);
  const zone = q.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) {
    throw new SimQueryError(`Invalid timeZone ${JSON.stringify(zone)}: not an IANA time zone such as Europe/London`, 'invalid.value');
  }
  return { startMs, endMs, grid: bucketGrid(startMs, endMs, q.granularity, zone) };
}

function predicatesOf(filter: Filter | undefined): Predicate[] {
  if (!filter) return [];
  return [...(filter.predicates ?? []), ...(filter.clauses ?? []).flatMap((c) => c.predicates)];
}

function checkPredicate(p: Predicate, dimensions: ReadonlySet<string>): void {
  if (!dimensions.has(p.dimension)) {
    throw new SimQueryError(`Invalid filter dimension ${JSON.stringify(p.dimension)}`, 'invalid.value');
  }
  if ((p.operator ?? 'matches') === 'matches' && p.value === undefined) {
    throw new SimQueryError(`Filter predicate on ${p.dimension} with operator matches needs a value`, 'bad.request');
  }
}

export function validateConversationQuery(q: ConversationAggregateQuery): ValidQuery {
  const valid = common(q);
  for (const m of q.metrics) {
    if (!METRICS.has(m)) throw new SimQueryError(`Invalid metric ${JSON.stringify(m)}`, 'invalid.value');
  }
  for (const d of q.groupBy ?? []) {
    if (!DIMENSIONS.has(d)) throw new SimQueryError(`Invalid groupBy dimension ${JSON.stringify(d)}`, 'invalid.value');
  }
  for (const p of predicatesOf(q.filter)) checkPredicate(p, DIMENSIONS);
  const views = q.views ?? [];
  if (views.length > MAX_VIEWS) throw new SimQueryError(`A query may define at most ${MAX_VIEWS} views, got ${views.length}`, 'bad.request');
  const names = new Set<string>();
  for (const v of views) {
    if (METRICS.has(v.name)) throw new SimQueryError(`View name ${JSON.stringify(v.name)} must not be a built-in metric name`, 'bad.request');
    if (names.has(v.name)) throw new SimQueryError(`View name ${JSON.stringify(v.name)} is used twice`, 'bad.request');
    names.add(v.name);
    if (!METRICS.has(v.target) || !v.target.startsWith('t')) {
      throw new SimQueryError(`View ${JSON.stringify(v.name)}: target ${JSON.stringify(v.target)} is not a built-in timer (t*) metric`, 'invalid.value');
    }
    const r = v.range;
    if (r.gte === undefined && r.lt === undefined) {
      throw new SimQueryError(`View ${JSON.stringify(v.name)}: range needs gte, lt or both`, 'bad.request');
    }
  }
  return valid;
}

export function validateUserQuery(q: UserAggregateQuery): ValidQuery {
  const valid = common(q);
  for (const m of q.metrics) {
    if (!(USER_METRICS as readonly string[]).includes(m)) {
      throw new SimQueryError(`Invalid metric ${JSON.stringify(m)}: users aggregates take only ${USER_METRICS.join(', ')}`, 'invalid.value');
    }
  }
  for (const d of q.groupBy ?? []) {
    if (d !== 'userId') throw new SimQueryError(`Invalid groupBy dimension ${JSON.stringify(d)}: only userId is allowed`, 'invalid.value');
  }
  const predicates = predicatesOf(q.filter);
  for (const p of predicates) checkPredicate(p, new Set(['userId']));
  if (predicates.length > MAX_USER_PREDICATES) {
    throw new SimQueryError(`A single query may contain no more than ${MAX_USER_PREDICATES} userId predicates, got ${predicates.length}`, 'bad.request');
  }
  return valid;
}
