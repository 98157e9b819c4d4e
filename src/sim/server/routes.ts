import { conversationAggregates, userAggregates } from './handlers/aggregates.js';
import { deleteJob, jobResults, jobStatus, jobsAvailability, submitJob } from './handlers/details-jobs.js';
import { detailsQuery } from './handlers/details-query.js';
import { queueObservations } from './handlers/observations.js';
import { getQueue, listGroupMembers, listGroups, listQueueMembers, listQueues, listUsers } from './handlers/directory.js';
import { HttpError, notFound } from './http-error.js';
import type { Handler } from './sim-context.js';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handler: Handler;
  /** Its answers can be big and are written as they are made (serve-request.ts: one at a time). */
  streams?: boolean;
}

const JOBS = '/api/v2/analytics/conversations/details/jobs';
const ID = '([^/]+)';
const route = (method: Route['method'], path: string, handler: Handler, streams = false): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/\{id\}/g, ID)}$`),
  handler,
  streams,
});

/** Every simulated endpoint. `availability` precedes `{id}` so it is not taken for a job id. */
const ROUTES: Route[] = [
  route('POST', '/api/v2/analytics/conversations/aggregates/query', conversationAggregates, true),
  route('POST', '/api/v2/analytics/users/aggregates/query', userAggregates, true),
  route('POST', '/api/v2/analytics/queues/observations/query', queueObservations),
  route('POST', '/api/v2/analytics/conversations/details/query', detailsQuery),
  route('POST', JOBS, submitJob),
  route('GET', `${JOBS}/availability`, jobsAvailability),
  route('GET', `${JOBS}/{id}`, jobStatus),
  route('DELETE', `${JOBS}/{id}`, deleteJob),
  route('GET', `${JOBS}/{id}/results`, jobResults),
  route('GET', '/api/v2/users', listUsers),
  route('GET', '/api/v2/routing/queues', listQueues),
  route('GET', '/api/v2/routing/queues/{id}', getQueue),
  route('GET', '/api/v2/routing/queues/{id}/members', listQueueMembers),
  route('GET', '/api/v2/groups', listGroups),
  route('GET', '/api/v2/groups/{id}/members', listGroupMembers),
];

/** The route for (method, path) and its captured ids; 404 for an unknown path, 405 for a known one. */
export function matchRoute(method: string, path: string): { handler: Handler; params: string[]; hasBody: boolean; streams: boolean } {
  const onPath = ROUTES.filter((r) => r.pattern.test(path));
  if (onPath.length === 0) throw notFound();
  const r = onPath.find((x) => x.method === method);
  if (!r) {
    const allow = onPath.map((x) => x.method).join(', ');
    throw new HttpError(405, 'method.not.allowed', `HTTP ${method} is not supported on ${path}; use ${allow}`, { allow });
  }
  const params = r.pattern.exec(path)!.slice(1).map(decodeURIComponent);
  return { handler: r.handler, params, hasBody: r.method === 'POST', streams: r.streams === true };
}
