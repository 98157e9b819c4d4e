/**
 * zod schemas for every Genesys Cloud response gcx-metrics reads. They describe the real API as Genesys's own
 * models do (platform-client-sdk `build/docs/<Model>.md`): there nearly every field is optional, so here too.
 * A field is required only where the whole response is useless without it (a job's `jobId`); a record that lacks
 * what one computation needs is skipped and counted where it is used (src/skipped.ts), not refused here. JSON null
 * is read as absent. Loose objects, so fields we do not use pass through. Types are checked where present: a
 * string where a number belongs is still a body that does not match the API (exit 4).
 * The simulator's tests parse its responses with these same schemas.
 */
import * as z from 'zod';

/** Optional, and null counts as absent (Genesys sends both). */
export const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());
/** An optional array; null or absent is empty. */
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v): Array<z.output<T>> => v ?? []);

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
  max: opt(z.number()),
  min: opt(z.number()),
  count: opt(z.number()),
  sum: opt(z.number()),
  ratio: opt(z.number()),
  numerator: opt(z.number()),
  denominator: opt(z.number()),
  target: opt(z.number()),
});
export type Stats = z.infer<typeof Stats>;

/** AggregateMetricData: `metric` and `stats` are optional in the model; a metric without them is skipped. */
export const AggregateMetric = z.looseObject({
  metric: opt(z.string()),
  qualifier: opt(z.string()),
  stats: opt(Stats),
});
export type AggregateMetric = z.infer<typeof AggregateMetric>;

/** AggregateViewData: `name` and `stats` optional too. */
export const AggregateView = z.looseObject({ name: opt(z.string()), stats: opt(Stats) });

/** StatisticalResponse: even `interval` is optional; a point without it cannot be placed and is skipped. */
export const AggregateDataPoint = z.looseObject({
  interval: opt(z.string()),
  metrics: list(AggregateMetric),
  views: list(AggregateView),
});
export type AggregateDataPoint = z.infer<typeof AggregateDataPoint>;

/** ConversationAggregateDataContainer: `group` and `data` optional. */
export const AggregateResult = z.looseObject({
  group: opt(z.record(z.string(), z.string().nullable())).transform((g) => dropNulls(g ?? {})),
  data: list(AggregateDataPoint),
});
export type AggregateResult = z.infer<typeof AggregateResult>;

/** POST /api/v2/analytics/conversations/aggregates/query. An empty result is `{}`. */
export const ConversationAggregateResponse = z.looseObject({
  results: list(AggregateResult),
});
export type ConversationAggregateResponse = z.infer<typeof ConversationAggregateResponse>;

/** POST /api/v2/analytics/users/aggregates/query: status in `metrics[].qualifier`. */
export const UserAggregateResponse = z.looseObject({
  systemToOrganizationMappings: opt(z.record(z.string(), z.array(z.string()))),
  results: list(AggregateResult),
});
export type UserAggregateResponse = z.infer<typeof UserAggregateResponse>;

/** AnalyticsSessionMetric: name, value and emitDate optional; the walker skips and counts a metric without them. */
export const SessionMetric = z.looseObject({
  name: opt(z.string()),
  value: opt(z.number()),
  emitDate: opt(z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not an ISO-8601 date-time')),
});
export type SessionMetric = z.infer<typeof SessionMetric>;

/** AnalyticsConversationSegment. */
export const Segment = z.looseObject({
  segmentStart: opt(z.string()),
  segmentEnd: opt(z.string()),
  segmentType: opt(z.string()),
  queueId: opt(z.string()),
  disconnectType: opt(z.string()),
  wrapUpCode: opt(z.string()),
  conference: opt(z.boolean()),
});
export type Segment = z.infer<typeof Segment>;

/** AnalyticsSession: `mediaType` is any string (the model's enum grows: screenmonitoring, …). */
export const Session = z.looseObject({
  sessionId: opt(z.string()),
  mediaType: opt(z.string()),
  direction: opt(z.string()),
  peerId: opt(z.string()),
  segments: list(Segment),
  metrics: list(SessionMetric),
});
export type Session = z.infer<typeof Session>;

/** AnalyticsParticipant. */
export const Participant = z.looseObject({
  participantId: opt(z.string()),
  participantName: opt(z.string()),
  purpose: opt(z.string()),
  userId: opt(z.string()),
  sessions: list(Session),
});
export type Participant = z.infer<typeof Participant>;

/**
 * AnalyticsConversationWithoutAttributes, the whole record (the simulator's tests hold its records to it). Responses
 * do NOT parse each record with it: a day is tens of thousands of records, and a full schema pass on each cost more
 * CPU than JSON.parse itself. They keep records as they came; usable-records.ts checks the fields
 * that place and de-duplicate one, and the metric walker checks the rest where it reads it.
 */
export const Conversation = z.looseObject({
  conversationId: opt(z.string()),
  conversationStart: opt(z.string()),
  conversationEnd: opt(z.string()),
  originatingDirection: opt(z.string()),
  divisionIds: list(z.string()),
  participants: list(Participant),
});
export type Conversation = z.infer<typeof Conversation>;

/** A record with the fields that place it (start, end) and de-duplicate it (id) checked; the rest unparsed. */
export interface IdentifiedConversation {
  conversationId: string;
  conversationStart?: string | null | undefined;
  conversationEnd?: string | null | undefined;
  [field: string]: unknown;
}

/** POST /api/v2/analytics/conversations/details/query. The page past the last has no `conversations`. */
export const DetailsQueryResponse = z.looseObject({
  conversations: opt(z.array(z.unknown())),
  totalHits: opt(z.number()),
  aggregations: opt(z.array(z.unknown())),
});
export type DetailsQueryResponse = z.infer<typeof DetailsQueryResponse>;

/** POST /api/v2/analytics/conversations/details/jobs → 202. Without `jobId` there is nothing to poll: required. */
export const JobSubmitResponse = z.looseObject({ jobId: z.string().min(1) });

/** AsyncQueryStatus.state, as text: a state we do not know (or none) means "not finished yet". */
export type JobState = 'QUEUED' | 'PENDING' | 'FAILED' | 'CANCELLED' | 'FULFILLED' | 'EXPIRED';

/** GET /api/v2/analytics/conversations/details/jobs/{jobId} (AsyncQueryStatus: every field optional). */
export const JobStatusResponse = z.looseObject({
  state: opt(z.string()),
  errorMessage: opt(z.string()),
  expirationDate: opt(z.string()),
  submissionDate: opt(z.string()),
  completionDate: opt(z.string()),
});
export type JobStatusResponse = z.infer<typeof JobStatusResponse>;

/** GET /api/v2/analytics/conversations/details/jobs/{jobId}/results?cursor=. Follow `cursor` until absent. */
export const JobResultsResponse = z.looseObject({
  conversations: opt(z.array(z.unknown())),
  cursor: opt(z.string()),
  dataAvailabilityDate: opt(z.string()),
});
export type JobResultsResponse = z.infer<typeof JobResultsResponse>;

/** GET /api/v2/analytics/conversations/details/jobs/availability (DataAvailabilityResponse: optional). */
export const AvailabilityResponse = z.looseObject({ dataAvailabilityDate: opt(z.string()) });

/**
 * Genesys entity listings (users, queues, groups, members) share this paging envelope. Each entity is read on its
 * own: one the entity schema refuses (no id, a mistyped field) does not fail the listing; it is left out and
 * counted in `unusable`, for the caller to report.
 */
export function entityListing<T extends z.ZodType>(entity: T) {
  return z
    .looseObject({
      entities: list(z.unknown()),
      pageSize: opt(z.number()),
      pageNumber: opt(z.number()),
      total: opt(z.number()),
      pageCount: opt(z.number()),
      nextUri: opt(z.string()),
      selfUri: opt(z.string()),
    })
    .transform((page) => {
      const entities: Array<z.output<T>> = [];
      for (const item of page.entities) {
        const parsed = entity.safeParse(item);
        if (parsed.success) entities.push(parsed.data);
      }
      return { ...page, entities, unusable: page.entities.length - entities.length };
    });
}

/** User: `id` is optional in the model but every use needs it: a listing counts a user without one as unusable. */
export const User = z.looseObject({ id: z.string(), name: opt(z.string()), state: opt(z.string()) });
export type User = z.infer<typeof User>;
export const UserListing = entityListing(User);

/**
 * QueueMember: `id` is "the queue member's id" and `user` a full User, both optional. The analytics userId is a
 * user's id, so `user.id` is used when present, else `id` (which Genesys sets to the same user id).
 */
export const QueueMember = z.looseObject({
  id: opt(z.string()),
  name: opt(z.string()),
  user: opt(z.looseObject({ id: opt(z.string()), name: opt(z.string()) })),
});
export type QueueMember = z.infer<typeof QueueMember>;
export const QueueMemberListing = entityListing(QueueMember);

/** GET /api/v2/groups/{id}/members: a user listing. */
export const GroupMemberListing = UserListing;

function dropNulls(record: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null) out[key] = value;
  return out;
}
