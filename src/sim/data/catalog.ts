/** Fixed reference data the simulated org is drawn from: names, queue profiles, wrap-up codes. */
import type { QueueMediaKey, QueueMediaSetting, SimMedia } from './types.js';

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'William',
  'Amelia', 'Benjamin', 'Harper', 'Lucas', 'Evelyn', 'Henry', 'Abigail', 'Theodore', 'Emily', 'Jack', 'Ella', 'Levi',
  'Elizabeth', 'Alexander', 'Camila', 'Jackson', 'Luna', 'Mateo', 'Sofia', 'Daniel', 'Avery', 'Michael', 'Mila',
  'Mason', 'Aria', 'Sebastian', 'Scarlett', 'Ethan', 'Penelope', 'Logan', 'Layla', 'Owen', 'Chloe', 'Samuel',
  'Victoria', 'Jacob', 'Madison', 'Asher', 'Eleanor', 'Aiden', 'Grace', 'John', 'Nora', 'Joseph', 'Riley', 'Wyatt',
  'Zoey', 'David', 'Hannah', 'Leo', 'Priya', 'Ravi', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Ingrid', 'Lars', 'Chiara',
  'Marco', 'Aisha', 'Kwame', 'Ana', 'Diego', 'Yuki', 'Sven', 'Leila', 'Tomas',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Kim', 'Chen', 'Singh', 'Okafor', 'Larsen',
  'Rossi', 'Novak', 'Tanaka', 'Schmidt', "O'Brien", 'Murphy', 'Kowalski', 'Silva', 'Haddad', 'Mensah',
] as const;

/** What shapes a queue's traffic. `media` weights need not sum to 1. */
export interface QueueProfile {
  name: string;
  /** Relative share of the org's traffic its members give it. */
  weight: number;
  media: Partial<Record<SimMedia, number>>;
  /** Service-level target per media (fraction, ms); null = that media type has settings but no service level. */
  sl: Record<QueueMediaKey, [number, number] | null>;
}

/** Messaging and callbacks carry no service level of their own: such rows are measured at 20 s with no target. */
const SL_STD: Record<QueueMediaKey, [number, number] | null> = {
  call: [0.8, 20_000], callback: null, chat: [0.8, 60_000], email: [0.9, 86_400_000], message: null,
};

export const QUEUE_PROFILES: readonly QueueProfile[] = [
  { name: 'Sales', weight: 1.2, media: { voice: 0.85, chat: 0.15 }, sl: { ...SL_STD, call: [0.8, 20_000] } },
  { name: 'Support', weight: 1.6, media: { voice: 0.7, chat: 0.2, message: 0.1 }, sl: { ...SL_STD, call: [0.8, 30_000] } },
  { name: 'Billing', weight: 1.0, media: { voice: 0.88, email: 0.12 }, sl: { ...SL_STD, call: [0.9, 20_000] } },
  { name: 'Technical Support', weight: 1.1, media: { voice: 0.6, chat: 0.3, email: 0.1 }, sl: { ...SL_STD, call: [0.7, 60_000], chat: [0.8, 120_000] } },
  { name: 'Retention', weight: 0.6, media: { voice: 1 }, sl: { ...SL_STD, call: [0.85, 15_000] } },
  { name: 'General Enquiries', weight: 0.8, media: { voice: 0.8, chat: 0.1, message: 0.05, email: 0.05 }, sl: { ...SL_STD } },
  { name: 'Claims', weight: 0.9, media: { voice: 0.75, email: 0.25 }, sl: { ...SL_STD } },
  { name: 'Orders', weight: 1.0, media: { voice: 0.7, chat: 0.3 }, sl: { ...SL_STD } },
  { name: 'Premium Support', weight: 0.5, media: { voice: 0.9, chat: 0.1 }, sl: { ...SL_STD, call: [0.9, 10_000] } },
  { name: 'Returns', weight: 0.7, media: { voice: 0.6, chat: 0.2, message: 0.2 }, sl: { ...SL_STD } },
];

/** Alerting timeouts per media, seconds (Genesys queue defaults are 8 s for calls, 30 s for digital). */
export const ALERT_TIMEOUT_S: Record<QueueMediaKey, number> = { call: 8, callback: 30, chat: 30, email: 300, message: 30 };

export function queueMediaSettings(p: QueueProfile): Record<QueueMediaKey, QueueMediaSetting> {
  const out = {} as Record<QueueMediaKey, QueueMediaSetting>;
  for (const key of Object.keys(p.sl) as QueueMediaKey[]) {
    const sl = p.sl[key];
    out[key] = sl
      ? { alertingTimeoutSeconds: ALERT_TIMEOUT_S[key], serviceLevel: { percentage: sl[0], durationMs: sl[1] } }
      : { alertingTimeoutSeconds: ALERT_TIMEOUT_S[key] };
  }
  return out;
}

export const WRAP_UP_CODES = [
  'Resolved', 'Information Provided', 'Follow-up Required', 'Sale', 'No Sale', 'Escalated', 'Wrong Queue',
  'Callback Scheduled',
] as const;

export const GROUP_NAMES = ['Tier 1 Agents', 'Tier 2 Agents'] as const;
