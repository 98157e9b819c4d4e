/**
 * Loose schemas of the directory listings gcx-metrics reads for targets, `list` and name resolution (official
 * models, PY-SDK build/docs: Queue, QueueMediaSettings, MediaSettings, ServiceLevel, User, Group and their
 * *EntityListing envelopes). Only `id` is required (JSON null counts as absent): the models mark nearly every field optional, ServiceLevel's
 * `percentage` and `durationMs` included, so a queue without a configured goal must still parse.
 */
import * as z from 'zod';
import { entityListing, opt } from './schemas.js';

export const ServiceLevelSetting = z.looseObject({
  /** The desired service level, 0–1. */
  percentage: opt(z.number()),
  durationMs: opt(z.number()),
});

/** QueueMediaSettings: `call`, `callback`, `chat`, `email`, `message`, each a MediaSettings with `serviceLevel`. */
export const QueueMediaSettings = z.record(z.string(), z.looseObject({ serviceLevel: opt(ServiceLevelSetting) }).nullish());

export const DirectoryQueue = z.looseObject({
  id: z.string(),
  name: opt(z.string()),
  memberCount: opt(z.number()),
  mediaSettings: opt(QueueMediaSettings),
});
export type DirectoryQueue = z.infer<typeof DirectoryQueue>;
export const DirectoryQueueListing = entityListing(DirectoryQueue);

export const DirectoryUser = z.looseObject({
  id: z.string(),
  name: opt(z.string()),
  email: opt(z.string()),
  /** active, inactive or deleted. */
  state: opt(z.string()),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;
export const DirectoryUserListing = entityListing(DirectoryUser);

export const DirectoryGroup = z.looseObject({
  id: z.string(),
  name: opt(z.string()),
  memberCount: opt(z.number()),
});
export type DirectoryGroup = z.infer<typeof DirectoryGroup>;
export const DirectoryGroupListing = entityListing(DirectoryGroup);
