/**
 * The small vocabularies every layer shares: coach modes, speeds, grades, scoring dimensions and
 * milestones. Each is written once here, as a list and a zod enum built from it, at the bottom of
 * the layers so the engine, the formats, the protocol, the store and the views all import the same one.
 */
import { z } from 'zod';

/** How much the in-game coach helps. */
export const COACH_MODES = ['off', 'gentle', 'guided'] as const;
export const CoachModeSchema = z.enum(COACH_MODES);
export type CoachMode = z.infer<typeof CoachModeSchema>;

/** How many times faster than the normal pace game time runs (solo and team). */
export const SPEEDS = [1, 2, 4] as const;
export const SpeedSchema = z.literal(SPEEDS);
export type Speed = z.infer<typeof SpeedSchema>;

/** The grade bands of the debrief, best first. */
export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export const GradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof GradeSchema>;

/** The scoring dimensions, in the order the debrief shows them. */
export const DIMENSIONS = ['stabilise', 'diagnose', 'remediate', 'verify', 'communicate', 'composure'] as const;
export const DimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof DimensionSchema>;

/** The milestones whose every stretch of holding the engine records (impact has its own intervals). */
export const TRACKED_MILESTONES = ['stabilised', 'understood', 'fixed', 'verified'] as const;
export type TrackedMilestone = (typeof TRACKED_MILESTONES)[number];
/** The incident milestones a scenario defines, in the order an incident goes through them. */
export const MILESTONES = ['impact', ...TRACKED_MILESTONES] as const;
export const MilestoneSchema = z.enum(MILESTONES);
export type Milestone = z.infer<typeof MilestoneSchema>;
