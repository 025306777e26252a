/** The three things Firedrill keeps between visits: the run in progress, settings and progress. */
import { z } from 'zod';
import { ID_PATTERN } from '../format/ids';
import { CoachModeSchema, GradeSchema, SpeedSchema } from '../format/concepts';
import { SavedRunSchema, type SavedRun } from '../format/run-log';
import type { DocumentSpec } from './persisted';

export type { SavedRun };

export const SAVED_RUN: DocumentSpec<SavedRun> = {
  key: 'firedrill.run',
  version: 1,
  schema: SavedRunSchema,
  migrations: {},
  what: 'your saved run',
};

export const SettingsSchema = z.strictObject({
  version: z.number(),
  volume: z.number().min(0).max(1),
  muted: z.boolean(),
  coach: CoachModeSchema,
  speed: SpeedSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { version: 1, volume: 0.7, muted: false, coach: 'gentle', speed: 1 };
export const SETTINGS: DocumentSpec<Settings> = {
  key: 'firedrill.settings',
  version: 1,
  schema: SettingsSchema,
  migrations: {},
  what: 'your settings',
};

const Best = z.strictObject({
  completed: z.number().int().min(0),
  bestScore: z.number().min(0).max(100),
  bestGrade: GradeSchema,
  lastEnding: z.string().max(200),
});

export const ProgressSchema = z.strictObject({
  version: z.number(),
  scenarios: z.record(z.string().regex(ID_PATTERN), Best),
});
export type Progress = z.infer<typeof ProgressSchema>;
export const EMPTY_PROGRESS: Progress = { version: 1, scenarios: {} };
export const PROGRESS: DocumentSpec<Progress> = {
  key: 'firedrill.progress',
  version: 1,
  schema: ProgressSchema,
  migrations: {},
  what: 'your progress',
};
