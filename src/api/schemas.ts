/**
 * zod schemas for every Genesys Cloud response gcx-metrics reads. They describe the real API (see
 * docs/genesys-api.md): optional where the API omits things, loose so that fields we do not use pass through.
 * The simulator's tests parse its responses with these same schemas.
 */
import { z } from 'zod';

export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const ErrorBody = z.looseObject({
  message: z.string().optional(),
  code: z.string().optional(),
  status: z.number().optional(),
  contextId: z.string().optional(),
  messageWithParams: z.string().optional(),
  messageParams: z.record(z.string(), z.unknown()).optional(),
  details: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** StatisticalSummary: which fields appear depends on the metric type (n* counters carry only `count`). */
export const Stats = z.looseObject({
  max: z.number().optional(),
  min: z.number().optional(),
  count: z.number().optional(),
  sum: z.number().optional(),
  ratio: z.number().optional(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  target: z.number().optional(),
});
export type Stats = z.infer<typeof Stats>;

export const AggregateMetric = z.looseObject({
  metric: z.string(),
  qualifier: z.string().optional(),
  stats: Stats,
});
export type AggregateMetric = z.infer<typeof AggregateMetric>;

export const AggregateView = z.looseObject({ name: z.string(), stats: Stats });

export const AggregateDataPoint = z.looseObject({
  interval: z.string(),
  metrics: z.array(AggregateMetric).default([]),
  views: z.array(AggregateView).optional(),
});
export type AggregateDataPoint = z.infer<typeof AggregateDataPoint>;

export const AggregateResult = z.looseObject({
  group: z.record(z.string(), z.string()).default({}),
  data: z.array(AggregateDataPoint).default([]),
});
export type AggregateResult = z.infer<typeof AggregateResult>;

/** POST /api/v2/analytics/conversations/aggregates/query. An empty result is `{}`. */
export const ConversationAggregateResponse = z.looseObject({
  results: z.array(AggregateResult).optional(),
});
export type ConversationAggregateResponse = z.infer<typeof ConversationAggregateResponse>;

/** POST /api/v2/analytics/users/aggregates/query: status in `metrics[].qualifier`. */
export const UserAggregateResponse = z.looseObject({
  systemToOrganizationMappings: z.record(z.string(), z.array(z.string())).optional(),
  results: z.array(AggregateResult).optional(),
});
export type UserAggregateResponse = z.infer<typeof UserAggregateResponse>;

export const SessionMetric = z.looseObject({
  name: z.string(),
  value: z.number(),
  emitDate: z.string(),
});
export type SessionMetric = z.infer<typeof SessionMetric>;

export const Segment = z.looseObject({
  segmentStart: z.string(),
  segmentEnd: z.string().optional(),
  segmentType: z.string(),
  queueId: z.string().optional(),
  disconnectType: z.string().optional(),
  wrapUpCode: z.string().optional(),
  conference: z.boolean().optional(),
});
export type Segment = z.infer<typeof Segment>;

export const Session = z.looseObject({
  sessionId: z.string(),
  mediaType: z.string(),
  direction: z.string().optional(),
  peerId: z.string().optional(),
  segments: z.array(Segment).default([]),
  metrics: z.array(SessionMetric).optional(),
});
export type Session = z.infer<typeof Session>;

export const Participant = z.looseObject({
  participantId: z.string(),
  participantName: z.string().optional(),
  purpose: z.string(),
  userId: z.string().optional(),
  sessions: z.array(Session).default([]),
});
export type Participant = z.infer<typeof Participant>;

export const Conversation = z.looseObject({
  conversationId: z.string(),
  conversationStart: z.string(),
  conversationEnd: z.string().optional(),
  originatingDirection: z.string().optional(),
  divisionIds: z.array(z.string()).optional(),
  participants: z.array(Participant).default([]),
});
export type Conversation = z.infer<typeof Conversation>;

/** POST /api/v2/analytics/conversations/details/query. The page past the last has no `conversations`. */
export const DetailsQueryResponse = z.looseObject({
  conversations: z.array(Conversation).optional(),
  totalHits: z.number().optional(),
  aggregations: z.array(z.unknown()).optional(),
});
export type DetailsQueryResponse = z.infer<typeof DetailsQueryResponse>;

/** POST /api/v2/analytics/conversations/details/jobs → 202. */
export const JobSubmitResponse = z.looseObject({ jobId: z.string().min(1) });

export const JobState = z.enum(['QUEUED', 'PENDING', 'FAILED', 'CANCELLED', 'FULFILLED', 'EXPIRED']);
export type JobState = z.infer<typeof JobState>;

/** GET /api/v2/analytics/conversations/details/jobs/{jobId}. */
export const JobStatusResponse = z.looseObject({
  state: JobState,
  errorMessage: z.string().optional(),
  expirationDate: z.string().optional(),
  submissionDate: z.string().optional(),
  completionDate: z.string().optional(),
});
export type JobStatusResponse = z.infer<typeof JobStatusResponse>;

/** GET /api/v2/analytics/conversations/details/jobs/{jobId}/results?cursor=. Follow `cursor` until absent. */
export const JobResultsResponse = z.looseObject({
  conversations: z.array(Conversation).optional(),
  cursor: z.string().optional(),
  dataAvailabilityDate: z.string().optional(),
});
export type JobResultsResponse = z.infer<typeof JobResultsResponse>;

/** GET /api/v2/analytics/conversations/details/jobs/availability. */
export const AvailabilityResponse = z.looseObject({ dataAvailabilityDate: z.string() });

/** Genesys entity listings (users, queues, group members, queue members) share this paging envelope. */
export function entityListing<T extends z.ZodType>(entity: T) {
  return z.looseObject({
    entities: z.array(entity).default([]),
    pageSize: z.number().optional(),
    pageNumber: z.number().optional(),
    total: z.number().optional(),
    pageCount: z.number().optional(),
    nextUri: z.string().optional(),
    selfUri: z.string().optional(),
  });
}

export const User = z.looseObject({ id: z.string(), name: z.string().optional(), state: z.string().optional() });
export type User = z.infer<typeof User>;
export const UserListing = entityListing(User);

export const ServiceLevel = z.looseObject({ percentage: z.number(), durationMs: z.number() });
export const Queue = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  mediaSettings: z.record(z.string(), z.looseObject({ serviceLevel: ServiceLevel.optional() })).optional(),
});
export type Queue = z.infer<typeof Queue>;
export const QueueListing = entityListing(Queue);

/** GET /api/v2/routing/queues/{id}/members: the member `id` is the user's id. */
export const QueueMember = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  user: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
});
export const QueueMemberListing = entityListing(QueueMember);

/** GET /api/v2/groups/{id}/members: a user listing. */
export const GroupMemberListing = UserListing;
