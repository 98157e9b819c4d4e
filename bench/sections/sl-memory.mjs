/** Section 3a of `requests` alone (issue 29: service-level memory at 7 and 30 days), for a re-run without the rest. */
import { serviceLevelMemory } from './requests.mjs';

export const slMemory = (ctx) => serviceLevelMemory(ctx);
