/** Window defaults, in a module with no imports so that --help can show them without loading luxon. */

/** The window when no window flag is given. */
export const DEFAULT_SINCE = '24h';

/** The bucket size when --interval is not given. */
export const DEFAULT_INTERVAL = '30m';
