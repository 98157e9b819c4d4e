/** The simulated org and its traffic (notes/sim-contract.md). */
export type {
  QueueMediaKey, QueueMediaSetting, RoutingStatus, SimAgent, SimConversation, SimDay, SimGroup, SimMedia, SimOrg,
  SimQueue, SimWrapUpCode, StatusSpan,
} from './types.js';
export { mediaKey } from './types.js';
export { createOrg } from './create-org.js';
export { generateDay } from './generate-day.js';
export { iterateConversations } from './iterate-conversations.js';
export { writeConversationsNdjson } from './ndjson.js';
