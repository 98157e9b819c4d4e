/** The keys of a details record's containers, as the API and exports write them (AnalyticsConversation). */
export const RECORD_SHAPE = {
  id: 'conversationId',
  participants: 'participants',
  sessions: 'sessions',
  segments: 'segments',
  metrics: 'metrics',
} as const;
