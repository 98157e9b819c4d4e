export { FAULT_KINDS, DEFAULT_RATE_KINDS, resolveFaultPlan } from './fault-plan.js';
export type { FaultKind, FaultPlan, ResolvedFaultPlan } from './fault-plan.js';
export { parseFaultSpec } from './parse-fault-spec.js';
export { pickFault } from './pick-fault.js';
