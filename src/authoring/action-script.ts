/**
 * Action scripts: a timestamped list of what a player does, written by hand (tests, mentors' test
 * plans) and played headless by `firedrill play`. Times are wall-clock "HH:MM[:SS]" or game seconds.
 */
import { z } from 'zod';
import { parseWallClock } from '../engine/clock';
import type { CoachMode, LogEntry } from '../engine/types';
import { CoachModeSchema, GRADES, GradeSchema as Grade } from '../format/concepts';
import { explainIssue, type IssueStyle } from '../format/issues';
import { ActInputSchema, NoteInputSchema, PostInputSchema, ReplyInputSchema } from '../format/inputs';
import type { Scenario } from '../format/schema';

const At = z.union([z.string().max(8), z.number().int().min(0).max(86_400)]).describe('Wall-clock "HH:MM" or "HH:MM:SS", or game seconds.');

const StepSchema = z
  .union([
    z.strictObject({ at: At, do: ActInputSchema.shape.action.describe('An action id.') }).describe('Starts an action.'),
    z
      .strictObject({
        at: At,
        reply: ReplyInputSchema.shape.message.describe('A message id (its newest posting) or a post id.'),
        choice: ReplyInputSchema.shape.choice.describe('The id of the reply chosen.'),
      })
      .describe('Replies to a message that asks something.'),
    z
      .strictObject({
        at: At,
        post: PostInputSchema.shape.channel.describe('A channel id.'),
        text: PostInputSchema.shape.text.describe('What the player posts.'),
      })
      .describe('Posts a message in a channel; in an incident channel, that is a status update.'),
    z
      .strictObject({
        at: At,
        note: NoteInputSchema.shape.text.describe('A line for the incident notes.'),
        kind: NoteInputSchema.shape.kind.describe('hypothesis, finding or note (the default).'),
      })
      .describe('Writes a line in the incident notes.'),
  ])
  .describe('One thing the player does, at a moment of the run.');

export const ActionScriptSchema = z.strictObject({
  $schema: z.string().optional().describe('Ignored by the game; for your editor.'),
  scenario: z.string().max(64).describe('The id of the scenario this script plays.'),
  description: z.string().max(1000).optional().describe('What this plan plays, in words.'),
  seed: z.number().int().default(1).describe("Seeds the run's random noise; the same seed gives the same run."),
  coach: CoachModeSchema.default('off').describe('The coach mode the run is played with.'),
  steps: z.array(StepSchema).max(2000).describe('What the player does, in time order.'),
  expect: z
    .strictObject({
      ending: z.string().max(64).optional().describe('The ending id the run must reach.'),
      minScore: z.number().min(0).max(100).optional().describe('The total score must be at least this.'),
      maxScore: z.number().min(0).max(100).optional().describe('The total score must be at most this.'),
      reasons: z.array(z.string().max(64)).max(64).optional().describe('Score reason codes that must appear.'),
      relapse: z.boolean().optional().describe('Whether a premature all-clear must (true) or must not (false) relapse.'),
      grade: z
        .union([Grade, z.array(Grade).min(1).max(GRADES.length)])
        .optional()
        .describe('The grade the run must get: a letter ("A") or the letters allowed (["B", "C"]).'),
    })
    .optional()
    .describe('What the run must reach; `firedrill play` exits non-zero when it does not.'),
});

export type ActionScript = z.output<typeof ActionScriptSchema>;

/** A script's problems name their field as a run file's do: `steps[2].at: …`. */
const SCRIPT_STYLE: IssueStyle = { whole: '(script)', separator: ': ' };

export interface CompiledScript {
  seed: number;
  coach: CoachMode;
  log: LogEntry[];
}

/** Parses a script for a scenario into an engine log, or explains what is wrong with it. */
export function compileScript(
  scenario: Scenario,
  raw: unknown,
): { ok: true; script: ActionScript; compiled: CompiledScript } | { ok: false; errors: string[] } {
  const parsed = ActionScriptSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 20).map((issue) => explainIssue(issue, raw, [], SCRIPT_STYLE)) };
  }
  const script = parsed.data;
  const errors: string[] = [];
  if (script.scenario !== scenario.id) errors.push(`The script is for scenario "${script.scenario}", not "${scenario.id}".`);
  const log: LogEntry[] = [];
  let previous = -Infinity;
  script.steps.forEach((step, i) => {
    const at = typeof step.at === 'number' ? step.at : parseWallClock(scenario.clock, step.at);
    if (at === null || at < 0) {
      errors.push(`steps[${i}].at: "${step.at}" is not a time at or after the scenario's start (${scenario.clock.start}).`);
      return;
    }
    if (at < previous) errors.push(`steps[${i}].at: steps must be in time order.`);
    previous = at;
    if ('do' in step) log.push({ at, input: { type: 'act', action: step.do } });
    else if ('reply' in step) log.push({ at, input: { type: 'reply', message: step.reply, choice: step.choice } });
    else if ('post' in step) log.push({ at, input: { type: 'post', channel: step.post, text: step.text } });
    // Only a kind the script gives goes into the log, so older scripts compile to the same log.
    else log.push({ at, input: step.kind ? { type: 'note', text: step.note, kind: step.kind } : { type: 'note', text: step.note } });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, script, compiled: { seed: script.seed, coach: script.coach, log } };
}
