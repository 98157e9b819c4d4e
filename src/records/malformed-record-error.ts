/** A details record whose shape breaks the contract (metric-observation.ts); the caller names the input. */
export class MalformedRecordError extends Error {}
