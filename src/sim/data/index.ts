/** The simulated org and its traffic (notes/sim-contract.md). */
export type {
  QueueMediaKey, QueueMediaSetting, RoutingStatus, SimAgent, SimConversation, SimDay, SimGroup, SimMedia, SimOrg,
  ServedConversation, SimQueue, SimWrapUpCode, StatusSpan,
} from './types.js';
export { DEFAULT_SHORT_ABANDON_MS, mediaKey, shortAbandonMsOf } from './types.js';
export { createOrg } from './create-org.js';
export { generateDay } from './generate-day.js';
export { iterateConversations } from './iterate-conversations.js';
export { writeConversationsNdjson } from './ndjson.js';
export { longConversationsStartingOn, longWorkAnsweredOn, LONG_LIFETIME_DAYS, MAX_OPEN_DAYS } from './long-conversations.js';
export { truncateAt } from './truncate-at.js';
export { liveState, type LiveAgent, type LiveInteraction, type LiveState, type SystemPresence } from './live-state.js';
