/**
 * Between the loose response schemas and the calculators: drops each record that lacks what a computation needs
 * and counts it (src/skipped.ts), so everything past this point has its fields. One job: nothing else is decided
 * here.
 */
import type { Skipped } from '../skipped.js';
import { MalformedRecordError } from '../records/malformed-record-error.js';
import { parseRecordInstant } from '../records/parse-record-instant.js';
import type { ConversationAggregateResponse, IdentifiedConversation, QueueMember } from './schemas.js';

/** StatisticalSummary: which fields appear depends on the metric type (n* counters carry only `count`). */
export interface Stats {
  max?: number | undefined;
  min?: number | undefined;
  count?: number | undefined;
  sum?: number | undefined;
  ratio?: number | undefined;
  numerator?: number | undefined;
  denominator?: number | undefined;
  target?: number | undefined;
}

export interface UsableMetric {
  metric: string;
  qualifier?: string | undefined;
  stats: Stats;
}
export interface UsableView {
  name: string;
  stats: Stats;
}
export interface UsablePoint {
  interval: string;
  metrics: UsableMetric[];
  views?: UsableView[];
}
export interface UsableAggregates {
  results: Array<{ group: Record<string, string>; data: UsablePoint[] }>;
}

/** Aggregates with every point placeable (an interval) and every metric and view named and with stats. */
export function usableAggregates(response: Pick<ConversationAggregateResponse, 'results'>, skipped?: Skipped): UsableAggregates {
  return {
    results: response.results.map((result) => ({
      group: result.group,
      data: result.data.flatMap((point): UsablePoint[] => {
        if (point.interval === undefined) {
          skipped?.add('pointInterval');
          return [];
        }
        const metrics: UsableMetric[] = [];
        for (const m of point.metrics) {
          if (m.metric !== undefined && m.stats !== undefined) metrics.push({ metric: m.metric, qualifier: m.qualifier, stats: m.stats });
          else skipped?.add('aggregateMetric');
        }
        const views: UsableView[] = [];
        for (const v of point.views) {
          if (v.name !== undefined && v.stats !== undefined) views.push({ name: v.name, stats: v.stats });
          else skipped?.add('aggregateView');
        }
        return [{ interval: point.interval, metrics, views }];
      }),
    })),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Absent or null is fine; anything else must be an ISO-8601 instant. */
function checkInstant(record: Record<string, unknown>, field: 'conversationStart' | 'conversationEnd', at: number): void {
  const value = record[field];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || Number.isNaN(parseRecordInstant(value))) {
    throw new MalformedRecordError(`at conversations[${at}].${field}: expected an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  }
}

/**
 * Conversations that can be de-duplicated across pages (they have a conversationId), with conversationStart and
 * conversationEnd checked where present. Only these fields are checked here; the metric walker checks what it reads.
 * A mistyped one is a body that does not match the API: MalformedRecordError, for the caller to name the endpoint.
 */
export function identifiedConversations(conversations: readonly unknown[] | undefined, skipped?: Skipped): IdentifiedConversation[] {
  const kept: IdentifiedConversation[] = [];
  const list = conversations ?? [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (!isRecord(c)) throw new MalformedRecordError(`at conversations[${i}]: expected an object`);
    const id = c.conversationId;
    if (id === undefined || id === null) {
      skipped?.add('conversationId');
      continue;
    }
    if (typeof id !== 'string') throw new MalformedRecordError(`at conversations[${i}].conversationId: expected a string`);
    checkInstant(c, 'conversationStart', i);
    checkInstant(c, 'conversationEnd', i);
    kept.push(c as IdentifiedConversation);
  }
  return kept;
}

/** When a checked conversation started or ended, in ms; undefined when the field is absent. */
export const startOf = (c: IdentifiedConversation): number | undefined => (typeof c.conversationStart === 'string' ? parseRecordInstant(c.conversationStart) : undefined);
export const endOf = (c: IdentifiedConversation): number | undefined => (typeof c.conversationEnd === 'string' ? parseRecordInstant(c.conversationEnd) : undefined);

/** Conversations that can also be placed in the UTC-day chunk they started in. */
export function placeableConversations(
  conversations: readonly IdentifiedConversation[],
  skipped?: Skipped,
): Array<IdentifiedConversation & { conversationStart: string }> {
  const kept: Array<IdentifiedConversation & { conversationStart: string }> = [];
  for (const c of conversations) {
    if (typeof c.conversationStart === 'string') kept.push(c as IdentifiedConversation & { conversationStart: string });
    else skipped?.add('conversationStart');
  }
  return kept;
}

/** A queue member as the user it is: `user.id` (a User's id, what analytics' userId means), else the member `id`. */
export function memberUsers(members: readonly QueueMember[], skipped?: Skipped): Array<{ id: string; name?: string | undefined }> {
  const kept: Array<{ id: string; name?: string | undefined }> = [];
  for (const m of members) {
    const id = m.user?.id ?? m.id;
    if (id !== undefined) kept.push({ id, name: m.user?.name ?? m.name });
    else skipped?.add('memberUserId');
  }
  return kept;
}
