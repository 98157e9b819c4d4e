/** Window defaults, in a module with no imports so that --help can show them without loading luxon. */

/** The window when no window flag is given. */
export const DEFAULT_SINCE = '24h';

/** The bucket size when --interval is not given. */
export const DEFAULT_INTERVAL = '30m';

/** A UTC day in ms (not a local day: those are 23 to 25 hours around DST changes). */
export const DAY_MS = 86_400_000;
