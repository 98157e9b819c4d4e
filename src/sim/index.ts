/** The simulated Genesys Cloud org, bundled as dist/sim.js for `gcx-metrics sim`, `--demo`, e2e tests and benchmarks. */
export { startSim } from './server/start-sim.js';
export type { SimOptions, SimServer } from './server/start-sim.js';
export type { RequestLogEntry } from './server/request-log.js';
export { parseFaultSpec, FAULT_KINDS } from './faults/index.js';
export type { FaultKind, FaultPlan } from './faults/index.js';
export { createOrg, generateDay, iterateConversations, writeConversationsNdjson } from './data/index.js';
export type { SimOrg, SimAgent, SimQueue, SimGroup, SimConversation, SimDay, StatusSpan } from './data/index.js';
