/**
 * The real API's names. Metrics: PY-SDK `conversation_aggregation_view.py` allowed values (the view-target enum,
 * which lists every conversation aggregate metric). Dimensions: PY-SDK `conversation_aggregate_query_predicate.py`,
 * plus dimensions added in later SDK versions that gcx-metrics or the docs mention.
 */
export const CONVERSATION_METRICS: readonly string[] = [
  'nBlindTransferred', 'nBotInteractions', 'nCallbackAttempts', 'nCallbackOverSla', 'nCallbackScheduled', 'nCfcOffered',
  'nCobrowseSessions', 'nConnected', 'nConsult', 'nConsultTransferred', 'nConversations', 'nError', 'nOffered',
  'nOutbound', 'nOutboundAbandoned', 'nOutboundAttempted', 'nOutboundConnected', 'nOverSla', 'nStateTransitionError',
  'nTakeover', 'nTransferred', 'oAudioMessageCount', 'oCallbackServiceLevel', 'oExternalAudioMessageCount',
  'oExternalMediaCount', 'oMediaCount', 'oMessageCount', 'oMessageSegmentCount', 'oMessageTurn', 'oServiceLevel',
  'oServiceTarget', 'oSkillExpressionApplications', 'tAbandon', 'tAcd', 'tActiveCallback', 'tActiveCallbackComplete',
  'tAcw', 'tAgentResponseTime', 'tAgentVideoConnected', 'tAlert', 'tAnswered', 'tAverageAgentResponseTime',
  'tAverageCustomerResponseTime', 'tBarging', 'tCallbackAbandon', 'tCallbackConnect', 'tCallbackNotReached',
  'tCfcAbandon', 'tCfcAcd', 'tCfcAnswered', 'tCfcFlowOut', 'tCoaching', 'tCoachingComplete', 'tConnected',
  'tContacting', 'tDialing', 'tFirstConnect', 'tFirstDial', 'tFirstEngagement', 'tFirstResponse', 'tFlowOut',
  'tHandle', 'tHeld', 'tHeldComplete', 'tIvr', 'tMonitoring', 'tMonitoringComplete', 'tNotResponding', 'tPark',
  'tParkComplete', 'tScreenMonitoring', 'tShortAbandon', 'tSnippetRecord', 'tTalk', 'tTalkComplete', 'tTransmitting',
  'tUserResponseTime', 'tVoicemail', 'tWait',
];

export const CONVERSATION_DIMENSIONS: readonly string[] = [
  'activeSkillId', 'addressFrom', 'addressTo', 'agentScore', 'ani', 'conversationId', 'conversationInitiator',
  'convertedFrom', 'convertedTo', 'customerParticipation', 'direction', 'disconnectType', 'divisionId', 'dnis',
  'edgeId', 'externalContactId', 'externalOrganizationId', 'externalTag', 'firstQueue', 'flaggedReason', 'flowInType',
  'flowOutType', 'groupId', 'interactionType', 'journeyActionId', 'journeyActionMapId', 'journeyActionMapVersion',
  'journeyCustomerId', 'journeyCustomerIdType', 'journeyCustomerSessionId', 'journeyCustomerSessionIdType',
  'mediaType', 'messageType', 'originatingDirection', 'outboundCampaignId', 'outboundContactId',
  'outboundContactListId', 'participantName', 'peerId', 'provider', 'purpose', 'queueId', 'remote',
  'requestedLanguageId', 'requestedRouting', 'requestedRoutingSkillId', 'roomId', 'routingPriority', 'routingRing',
  'scoredAgentId', 'selectedAgentId', 'sessionDnis', 'sessionId', 'stationId', 'teamId', 'usedRouting', 'userId',
  'wrapUpCode',
];

export const USER_METRICS = ['tAgentRoutingStatus', 'tSystemPresence', 'tOrganizationPresence'] as const;

/** Routing statuses in the order results list them. */
export const ROUTING_STATUSES = ['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING'] as const;

/** System presences and the fixed org-presence ids the simulated org maps them to. */
export const SYSTEM_PRESENCE_IDS: Readonly<Record<string, string>> = {
  AVAILABLE: '6a3af858-942f-489d-9700-5f9bcdcdae9b',
  AWAY: '5e5c5c66-ea97-4e7f-ac41-6424784829f2',
  BUSY: '31fe3bac-dea6-44b7-bed7-47f91660a1a0',
  OFFLINE: 'ccf3c10a-aa2c-4845-8e8d-f59fa48c58e5',
  IDLE: '3fd96123-badb-4f69-bc03-1b1ccc6d8014',
  ON_QUEUE: 'e08eaf1b-ee47-4fa9-a231-1200e284798f',
  MEAL: 'db0ba5e8-0d64-4bc7-a76f-9e2aa4f8c2ad',
  TRAINING: 'b6b3a8a4-0d4d-4b3e-8d4c-4c6f4b0e6f8a',
  MEETING: '3b894b9d-4b0a-4a6b-9a3c-2b8c4a1a2c3d',
  BREAK: '8e2d5c8b-3a4f-4b5e-9c6d-7e8f9a0b1c2d',
};
