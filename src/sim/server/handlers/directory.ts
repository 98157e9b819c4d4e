import type { SimAgent, SimGroup, SimOrg, SimQueue } from '../../data/index.js';
import { entityListing, idFilter, pagedListing, pageParams } from '../entity-listing.js';
import { badRequest, notFound } from '../http-error.js';
import type { Handler } from '../sim-context.js';

/** Fields of the real User model (PY-SDK User.md); `version` is the one the model does not mark optional. */
const user = (a: SimAgent) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  username: a.email,
  state: 'active',
  version: 1,
  selfUri: `/api/v2/users/${a.id}`,
});

/** Fields of the real Group model (PY-SDK Group.md): name, type, rulesVisible and visibility are required there. */
const group = (g: SimGroup) => ({
  id: g.id,
  name: g.name,
  memberCount: g.memberIds.length,
  state: 'active',
  version: 1,
  type: 'official',
  rulesVisible: true,
  visibility: 'public',
  selfUri: `/api/v2/groups/${g.id}`,
});

/** GET /api/v2/users `state`: active (the default), inactive, deleted or any. Every simulated agent is active. */
const USER_STATES = ['active', 'inactive', 'deleted', 'any'];

const queue = (org: SimOrg, q: SimQueue) => ({
  id: q.id,
  name: q.name,
  mediaSettings: q.mediaSettings,
  memberCount: (org.queueMemberIds[q.id]?.length ?? 0) + (org.queueUnjoinedIds?.[q.id]?.length ?? 0),
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

/** GET /api/v2/users?id=&state=&pageSize=&pageNumber=: no name or email filter (the real one has none either). */
export const listUsers: Handler = (req, ctx) => {
  const ids = idFilter(req.url);
  const state = req.url.searchParams.get('state') ?? 'active';
  if (!USER_STATES.includes(state)) throw badRequest(`state must be one of ${USER_STATES.join(', ')}, not "${state}"`, 'invalid.value');
  const users = state === 'active' || state === 'any' ? ctx.org.agents.filter((a) => !ids || ids.has(a.id)).map(user) : [];
  return { status: 200, body: entityListing(users, req.url, pageParams(req.url)) };
};

/** GET /api/v2/groups?id=&pageSize=&pageNumber=: the real listing has no name filter either. */
export const listGroups: Handler = (req, ctx) => {
  const ids = idFilter(req.url);
  const groups = ctx.org.groups.filter((g) => !ids || ids.has(g.id)).map(group);
  return { status: 200, body: entityListing(groups, req.url, pageParams(req.url)) };
};

/**
 * `name` of GET /api/v2/routing/queues: "Include only queues with the given name (leading and trailing asterisks
 * allowed)". Matched case-insensitively here; whether the real one is case-sensitive is not documented.
 */
export function queueNamePattern(name: string): RegExp {
  const lead = name.startsWith('*');
  const trail = name.length > 1 && name.endsWith('*');
  const core = name.slice(lead ? 1 : 0, trail ? -1 : undefined).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${lead ? '.*' : ''}${core}${trail ? '.*' : ''}$`, 'i');
}

const byName = (a: SimQueue, b: SimQueue) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** GET /api/v2/routing/queues?id=&name=, sorted by name as the real one ("results are sorted by name"). */
export const listQueues: Handler = (req, ctx) => {
  const ids = idFilter(req.url);
  const name = req.url.searchParams.get('name');
  const pattern = name ? queueNamePattern(name) : undefined;
  const queues = ctx.org.queues
    .filter((q) => (!ids || ids.has(q.id)) && (!pattern || pattern.test(q.name)))
    .sort(byName)
    .map((q) => queue(ctx.org, q));
  return { status: 200, body: entityListing(queues, req.url, pageParams(req.url)) };
};

/** GET /api/v2/routing/queues/{id} */
export const getQueue: Handler = (req, ctx) => ({ status: 200, body: queue(ctx.org, findQueue(ctx.org, req.params[0]!)) });

/** GET .../members `pageSize`: "Max value is 100" (PY-SDK RoutingApi.md, get_routing_queue_members). */
const MEMBERS_MAX_PAGE_SIZE = 100;

/**
 * GET /api/v2/routing/queues/{id}/members?joined=&memberBy=&sortOrder=: a QueueMemberEntityListing (no total,
 * pageCount or lastUri), sorted by name ("Note: results are sorted by name"). The member `id` is the user's id;
 * `joined` false for members added to the queue but not joined to it.
 */
export const listQueueMembers: Handler = (req, ctx) => {
  const q = findQueue(ctx.org, req.params[0]!);
  const params = req.url.searchParams;
  const joinedText = params.get('joined');
  if (joinedText !== null && joinedText !== 'true' && joinedText !== 'false') {
    throw badRequest(`joined must be true or false, not "${joinedText}"`, 'invalid.value');
  }
  const memberBy = params.get('memberBy');
  if (memberBy !== null && memberBy !== 'user' && memberBy !== 'group') {
    throw badRequest(`memberBy must be user or group, not "${memberBy}"`, 'invalid.value');
  }
  const sortOrder = params.get('sortOrder') ?? 'asc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw badRequest(`sortOrder must be asc or desc, not "${sortOrder}"`, 'invalid.value');
  const page = pageParams(req.url, MEMBERS_MAX_PAGE_SIZE);
  const member = (a: SimAgent, joined: boolean) => ({
    id: a.id,
    name: a.name,
    user: { id: a.id, name: a.name, selfUri: `/api/v2/users/${a.id}` },
    ringNumber: 1,
    joined,
    memberBy: 'user',
    selfUri: `/api/v2/routing/queues/${q.id}/members/${a.id}`,
  });
  const members = [
    ...agentsById(ctx.org, ctx.org.queueMemberIds[q.id] ?? []).map((a) => member(a, true)),
    ...agentsById(ctx.org, ctx.org.queueUnjoinedIds?.[q.id] ?? []).map((a) => member(a, false)),
  ]
    .filter((m) => (joinedText === null || String(m.joined) === joinedText) && memberBy !== 'group')
    .sort((a, b) => {
      const x = a.name.toLowerCase();
      const y = b.name.toLowerCase();
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * (sortOrder === 'desc' ? -1 : 1);
    });
  return { status: 200, body: pagedListing(members, req.url, page) };
};

/** GET /api/v2/groups/{id}/members: a user listing. */
export const listGroupMembers: Handler = (req, ctx) => {
  const group = ctx.org.groups.find((g) => g.id === req.params[0]);
  if (!group) throw notFound();
  const users = agentsById(ctx.org, group.memberIds).map(user);
  return { status: 200, body: entityListing(users, req.url, pageParams(req.url)) };
};
