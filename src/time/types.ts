/** The bucket size: what --interval names, and the ISO-8601 period sent to the API as `granularity`. */
export interface IntervalSpec {
  /** As the user wrote it, normalised: '15m', '30m', '1h', '1d'. */
  label: string;
  /** `PT15M`, `PT30M`, `PT1H`, `P1D`. */
  iso: string;
  /** Fixed-length buckets in ms; undefined for `1d`, whose length follows the zone's calendar (23/24/25 h). */
  fixedMs?: number;
}

/** A resolved report window: [startMs, endMs) on the grid of `interval` in zone `tz`. */
export interface Window {
  startMs: number;
  endMs: number;
  interval: IntervalSpec;
  /** IANA zone the grid aligns to and times are printed in. */
  tz: string;
}

/** One bucket of the grid: [startMs, endMs). */
export interface Bucket {
  startMs: number;
  endMs: number;
}
