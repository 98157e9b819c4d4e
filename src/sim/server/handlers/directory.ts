import type { SimAgent, SimOrg, SimQueue } from '../../data/index.js';
import { entityListing, idFilter, pageParams } from '../entity-listing.js';
import { notFound } from '../http-error.js';
import type { Handler } from '../sim-context.js';

const user = (a: SimAgent) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  username: a.email,
  state: 'active',
  selfUri: `/api/v2/users/${a.id}`,
});

const queue = (org: SimOrg, q: SimQueue) => ({
  id: q.id,
  name: q.name,
  mediaSettings: q.mediaSettings,
  memberCount: org.queueMemberIds[q.id]?.length ?? 0,
  selfUri: `/api/v2/routing/queues/${q.id}`,
});

function findQueue(org: SimOrg, id: string): SimQueue {
  const q = org.queues.find((x) => x.id === id);
  if (!q) throw notFound();
  return q;
}

function agentsById(org: SimOrg, ids: string[]): SimAgent[] {
  const byId = new Map(org.agents.map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** GET /api/v2/users?id=&pageSize=&pageNumber= */
export const listUsers: Handler = (req, ctx) => {
  const ids = idFilter(req.url);
  const users = ctx.org.agents.filter((a) => !ids || ids.has(a.id)).map(user);
  return { status: 200, body: entityListing(users, req.url, pageParams(req.url)) };
};

/** GET /api/v2/routing/queues?id=&name=: `name` is case-insensitive, `*` a wildcard (as the real one). */
export const listQueues: Handler = (req, ctx) => {
  const ids = idFilter(req.url);
  const name = req.url.searchParams.get('name');
  const pattern = name
    ? new RegExp(`^${name.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i')
    : undefined;
  const queues = ctx.org.queues
    .filter((q) => (!ids || ids.has(q.id)) && (!pattern || pattern.test(q.name)))
    .map((q) => queue(ctx.org, q));
  return { status: 200, body: entityListing(queues, req.url, pageParams(req.url)) };
};

/** GET /api/v2/routing/queues/{id} */
export const getQueue: Handler = (req, ctx) => ({ status: 200, body: queue(ctx.org, findQueue(ctx.org, req.params[0]!)) });

/** GET /api/v2/routing/queues/{id}/members: the member `id` is the user's id. */
export const listQueueMembers: Handler = (req, ctx) => {
  const q = findQueue(ctx.org, req.params[0]!);
  const members = agentsById(ctx.org, ctx.org.queueMemberIds[q.id] ?? []).map((a) => ({
    id: a.id,
    name: a.name,
    user: { id: a.id, name: a.name, selfUri: `/api/v2/users/${a.id}` },
    ringNumber: 1,
    joined: true,
    memberBy: 'user',
  }));
  return { status: 200, body: entityListing(members, req.url, pageParams(req.url)) };
};

/** GET /api/v2/groups/{id}/members: a user listing. */
export const listGroupMembers: Handler = (req, ctx) => {
  const group = ctx.org.groups.find((g) => g.id === req.params[0]);
  if (!group) throw notFound();
  const users = agentsById(ctx.org, group.memberIds).map(user);
  return { status: 200, body: entityListing(users, req.url, pageParams(req.url)) };
};
