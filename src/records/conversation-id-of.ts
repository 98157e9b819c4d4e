import { RECORD_SHAPE } from './record-shape.js';

/** A parsed record's conversationId, or undefined when it has no string one (such a record is never a duplicate). */
export function conversationIdOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as Record<string, unknown>)[RECORD_SHAPE.id];
  return typeof id === 'string' ? id : undefined;
}
