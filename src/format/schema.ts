/**
 * Scenario format v1: the one source of truth for what a scenario file may contain.
 * TypeScript types are inferred from it and `scenarios/scenario.schema.json` is generated from it,
 * so every description here reaches mentors' editors as completion help.
 */
import { z } from 'zod';
import { DimensionSchema, MilestoneSchema } from './concepts';
import { ID_PATTERN } from './ids';

/** Ids are short, stable, kebab- or snake-case names that other parts of the scenario refer to. */
const Id = z
  .string()
  .regex(ID_PATTERN, 'ids are 1–64 characters: lower-case letters, digits, "-" or "_", starting with a letter')
  .refine((id) => id !== 'constructor', '"constructor" is reserved; choose another id')
  .describe('A stable identifier: lower-case letters, digits, "-" or "_", starting with a letter.');

/** Prose shown to players. Bounded so a hostile file cannot make the game allocate without limit. */
const Text = (max = 2000) => z.string().min(1).max(max);

/** Game time in seconds from the scenario's start. Negative times are history from before the start. */
const GameSeconds = z.number().int().min(-86_400).max(86_400);
const Duration = z.number().int().min(0).max(14_400);

const FactValue = z.union([z.boolean(), z.number().min(-1e9).max(1e9), z.string().max(200)]);
export type FactValue = z.infer<typeof FactValue>;

const Verdict = z
  .enum(['success', 'partial', 'neutral', 'failure', 'harmful'])
  .describe('How the debrief judges an outcome: success and partial help, failure wastes time, harmful makes the incident worse.');

const Category = z
  .enum(['investigate', 'mitigate', 'remediate', 'communicate', 'resolve'])
  .describe(
    'investigate reveals evidence; mitigate stops the bleeding; remediate fixes the cause; communicate keeps people informed; resolve declares the incident over.',
  );

const Health = z.enum(['healthy', 'degraded', 'down']);

// ---------------------------------------------------------------------------------------------
// Conditions: data, never code. Each form is told apart by its one distinctive key.
// ---------------------------------------------------------------------------------------------

const Comparison = {
  eq: FactValue.optional().describe('Holds when the value equals this.'),
  ne: FactValue.optional().describe('Holds when the value differs from this.'),
  gt: z.number().optional().describe('Holds when the value is greater than this.'),
  gte: z.number().optional().describe('Holds when the value is at least this.'),
  lt: z.number().optional().describe('Holds when the value is less than this.'),
  lte: z.number().optional().describe('Holds when the value is at most this.'),
};

const MilestoneName = MilestoneSchema;

const FactCondition = z
  .strictObject({ fact: Id.describe('The fact to test.'), ...Comparison })
  .describe('Tests a fact. With no comparison, holds when the fact is truthy.');
const MetricCondition = z
  .strictObject({
    metric: Id.describe('The metric to test (its smoothed value, without noise).'),
    gt: Comparison.gt,
    gte: Comparison.gte,
    lt: Comparison.lt,
    lte: Comparison.lte,
  })
  .describe("Tests a metric's current value.");
const ServiceCondition = z
  .strictObject({ service: Id.describe('The service to test.'), is: Health.describe('The health it must have.') })
  .describe("Tests a service's health.");
const TimeCondition = z
  .strictObject({
    time: z
      .strictObject({
        gte: GameSeconds.optional().describe('Holds from this game second on.'),
        lt: GameSeconds.optional().describe('Holds before this game second.'),
      })
      .describe('Bounds on game seconds since the start.'),
  })
  .describe('Tests the game clock.');
const DidCondition = z
  .strictObject({
    did: Id.describe('The action.'),
    count: z
      .strictObject({
        gte: z.number().int().min(0).optional().describe('At least this many completions.'),
        lte: z.number().int().min(0).optional().describe('At most this many completions.'),
      })
      .optional()
      .describe('How many times it must have completed (default: at least once).'),
    outcome: Verdict.optional().describe('Only count completions with this verdict.'),
  })
  .describe('Holds when the player has completed an action.');
const DoingCondition = z.strictObject({ doing: Id.describe('The action.') }).describe('Holds while an action is in progress.');
const SeenCondition = z
  .strictObject({ seen: Id.describe('The evidence.') })
  .describe('Holds once the player has uncovered a piece of evidence.');
const SentCondition = z.strictObject({ sent: Id.describe('The message.') }).describe('Holds once a message has been posted at least once.');
const AnsweredCondition = z
  .strictObject({ answered: Id.describe('The message.'), choice: Id.optional().describe('Only this reply counts.') })
  .describe('Holds once the player has replied to a message.');
const MilestoneCondition = z
  .strictObject({ milestone: MilestoneName.describe('One of the incident milestones defined under "incident".') })
  .describe("Holds while an incident milestone's condition holds.");
const SinceCondition = z
  .strictObject({
    since: z
      .strictObject({
        did: Id.optional().describe('Measure from the last completion of this action.'),
        sent: Id.optional().describe('Measure from the last posting of this message.'),
        seen: Id.optional().describe('Measure from when this evidence was uncovered.'),
      })
      .describe(
        'What to measure from: the last completion of an action, the last posting of a message, or the uncovering of evidence. Never happened counts as the scenario start.',
      ),
    gte: z.number().int().min(0).max(86_400).describe('Seconds that must have passed.'),
  })
  .describe('Holds when at least this long has passed since something happened.');
const AllCondition = z
  .strictObject({
    get all() {
      return z.array(ConditionSchema).min(1).max(32).describe('The conditions that must all hold.');
    },
  })
  .describe('Holds when every condition holds.');
const AnyCondition = z
  .strictObject({
    get any() {
      return z.array(ConditionSchema).min(1).max(32).describe('The conditions of which at least one must hold.');
    },
  })
  .describe('Holds when at least one condition holds.');
const NotCondition = z
  .strictObject({
    get not() {
      return ConditionField('The condition that must not hold.');
    },
  })
  .describe('Holds when the condition does not.');

/** A condition is data: one of these forms, told apart by its distinctive first key. */
export const ConditionSchema = z
  .union([
    FactCondition,
    MetricCondition,
    ServiceCondition,
    TimeCondition,
    DidCondition,
    DoingCondition,
    SeenCondition,
    SentCondition,
    AnsweredCondition,
    MilestoneCondition,
    SinceCondition,
    AllCondition,
    AnyCondition,
    NotCondition,
  ])
  .meta({ id: 'Condition', description: 'A test on the world, written as data.' });
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * A condition field with its own description. Not `ConditionSchema.describe()`: z.toJSONSchema walks
 * a described copy's forms afresh, so a copy met inside the recursion (as in "not") or before the
 * union itself makes the recursive forms look cyclic and split them out as "__schemaN" defs. A lazy
 * reference stays a plain `$ref` to Condition, with the description beside it.
 */
function ConditionField(description: string) {
  return z.lazy(() => ConditionSchema).describe(description);
}

/** The key that tells each condition form apart, used to explain union errors precisely. */
export const CONDITION_KEYS = [
  'fact',
  'metric',
  'service',
  'time',
  'did',
  'doing',
  'seen',
  'sent',
  'answered',
  'milestone',
  'since',
  'all',
  'any',
  'not',
] as const;

// ---------------------------------------------------------------------------------------------
// Effects: what actions, replies, deploys and triggers do to the world.
// ---------------------------------------------------------------------------------------------

const EffectSchema = z
  .union([
    z.strictObject({ set: Id.describe('The fact to change.'), to: FactValue.describe('Its new value.') }).describe('Sets a fact.'),
    z
      .strictObject({
        add: Id.describe('The numeric fact to change.'),
        amount: z.number().min(-1e6).max(1e6).describe('Added to the fact (negative to subtract).'),
        max: z.number().optional().describe('The result is capped at this.'),
        min: z.number().optional().describe('The result is floored at this.'),
      })
      .describe('Adds to a numeric fact.'),
    z.strictObject({ reveal: Id.describe('The evidence.') }).describe('Uncovers a piece of evidence for the player.'),
    z.strictObject({ send: Id.describe('The message.') }).describe('Posts a message now (even one that also has its own schedule).'),
  ])
  .describe('A change to the world, written as data: what deploys, replies, outcomes, triggers and a relapse do.');
export type Effect = z.infer<typeof EffectSchema>;

const Effects = z.array(EffectSchema).max(32).default([]);

// ---------------------------------------------------------------------------------------------
// The world
// ---------------------------------------------------------------------------------------------

const FactSchema = z
  .strictObject({
    id: Id,
    description: Text(400).describe('What this fact means, for mentors and the debrief.'),
    initial: FactValue.describe("Its value at the start. Its type (boolean, number or string) is the fact's type."),
    values: z.array(z.string().max(200)).min(1).max(32).optional().describe('For a string fact, the values it may take.'),
  })
  .describe('A piece of world state that effects change and conditions test, such as "migration 42 applied".');

const ServiceSchema = z
  .strictObject({
    id: Id,
    name: Text(80).describe('The name on the service map.'),
    description: Text(400).optional().describe('A sentence on what the service does.'),
    dependsOn: z.array(Id).max(16).default([]).describe('Services this one calls, drawn as edges on the service map.'),
    health: z
      .array(
        z.strictObject({
          when: ConditionField('While this holds (and no earlier rule\'s condition does), the service has the health in "is".'),
          is: Health.describe('The health the service has while "when" holds.'),
        }),
      )
      .max(16)
      .default([])
      .describe('Rules tried in order; the first whose condition holds gives the health. None holding means healthy.'),
  })
  .describe("A service on the map, whose health follows the world's facts.");

const MetricSchema = z
  .strictObject({
    id: Id,
    name: Text(80).describe("The graph's title on the dashboards."),
    unit: z.string().max(16).describe('Shown on the graph\'s axis, e.g. "%", "ms", "req/s".'),
    service: Id.optional().describe('The service this metric belongs to.'),
    baseline: z.number().min(-1e9).max(1e9).describe('The value when nothing is wrong.'),
    noise: z.number().min(0).max(1e9).default(0).describe('Amplitude of seeded random noise added to each sample.'),
    min: z.number().min(-1e9).max(1e9).default(0).describe('Samples never go below this.'),
    max: z.number().min(-1e9).max(1e9).optional().describe('Samples never go above this.'),
    responseSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(60)
      .describe('How quickly the metric moves to a new level: roughly the seconds to cover two thirds of the way.'),
    levels: z
      .array(
        z.strictObject({
          when: ConditionField('While this holds (and no earlier level\'s condition does), the metric moves towards "value".'),
          value: z.number().min(-1e9).max(1e9).describe('The level the metric moves towards.'),
        }),
      )
      .max(16)
      .default([])
      .describe(
        'Rules tried in order; the first whose condition holds sets the level the metric moves towards. None holding means the baseline.',
      ),
    warnAbove: z.number().optional().describe('Drawn as a warning line; crossing it counts as an alarm.'),
  })
  .describe('A time series drawn on the dashboards.');

const DeploySchema = z
  .strictObject({
    id: Id,
    at: GameSeconds.describe('When it ships, in game seconds (negative: earlier that day).'),
    service: Id.describe('The service it changed.'),
    title: Text(120).describe("The change's title in the deploy history."),
    author: Id.describe('The character who wrote it.'),
    summary: Text(600).describe('What the change says it does, as its author wrote it.'),
    evidence: Id.optional().describe('The evidence that shows its diff.'),
    effects: Effects.describe('What shipping it does to the world.'),
  })
  .describe('A change in the deploy history.');

const EvidenceSchema = z
  .strictObject({
    id: Id,
    kind: z
      .enum(['log', 'diff', 'migration', 'dashboard', 'runbook', 'query', 'note'])
      .describe('What sort of evidence it is. Logs get a level filter and search; diffs and migrations are shown as diffs.'),
    title: Text(120).describe('Its title in the Evidence tab.'),
    body: z.array(z.string().max(400)).min(1).max(400).describe('The content, one line per entry (log lines, diff lines, paragraphs).'),
    relevant: z
      .boolean()
      .default(false)
      .describe('True when this evidence points at the real cause; the debrief credits looking at it before changing things.'),
    changeHistory: z
      .boolean()
      .default(false)
      .describe('True when this evidence is the change history (deploys, diffs); checking it early is credited as methodical.'),
  })
  .describe('Something the player can look at once an investigate action uncovers it.');

const ChannelSchema = z
  .strictObject({
    id: Id,
    name: Text(60).describe("The channel's name in the channel list."),
    kind: z
      .enum(['incident', 'support', 'team', 'dm'])
      .describe('incident: where status updates count; support: customer-facing reports; team: general chatter; dm: a direct message.'),
    topic: Text(200).optional().describe('A line shown at the top of the channel.'),
  })
  .describe('A chat channel.');

const CharacterSchema = z
  .strictObject({
    id: Id,
    name: Text(60).describe('Their name in chat.'),
    role: Text(80).describe('Shown next to their name in chat, such as "Support lead".'),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .describe('Their name colour in chat, as #rrggbb.'),
  })
  .describe('A person (or bot) who posts messages.');

const ReplySchema = z
  .strictObject({
    id: Id,
    label: Text(80).describe('The button the player presses.'),
    text: Text(600).describe('What the player says in the channel.'),
    verdict: Verdict.default('neutral'),
    effects: Effects.describe('What choosing this reply does to the world.'),
  })
  .describe('A reply the player may choose.');

const MessageSchema = z
  .strictObject({
    id: Id,
    channel: Id.describe('The channel it is posted in.'),
    from: Id.describe('The character who posts it.'),
    text: Text(1000).describe('What the message says. Repeats use "repeat.texts" instead.'),
    at: GameSeconds.optional().describe('Posted at this game time.'),
    when: ConditionSchema.optional().describe('Posted once this condition holds (after "at", when both are given).'),
    importance: z
      .enum(['noise', 'normal', 'important', 'critical'])
      .default('normal')
      .describe('noise can be ignored; important and critical matter, and ignoring those is scored.'),
    mentionsPlayer: z.boolean().default(false).describe('Shown as a mention of the player.'),
    repeat: z
      .strictObject({
        every: z.number().int().min(30).max(3600).describe('Seconds between repeats.'),
        while: ConditionField('Repeats only while this holds.'),
        max: z.number().int().min(1).max(50).default(5).describe('At most this many repeats.'),
        texts: z.array(Text(1000)).max(20).default([]).describe('Texts for successive repeats; the last is reused when they run out.'),
      })
      .optional()
      .describe('Post again while a condition holds, so pressure escalates.'),
    asks: z
      .strictObject({
        replies: z.array(ReplySchema).min(1).max(6),
        expiresAfter: z.number().int().min(10).max(7200).default(600).describe('Seconds before the question counts as ignored.'),
        ifIgnored: Id.optional().describe('A louder message posted when this one is ignored.'),
      })
      .optional()
      .describe('The message asks the player something: they may answer, or leave it.'),
  })
  .describe('A chat message, posted at a time or when a condition holds.');

const ActionSchema = z
  .strictObject({
    id: Id,
    label: Text(80).describe("The action's name in the palette."),
    description: Text(400).optional().describe("A line shown under the action in the palette (a refusal's reason takes its place)."),
    category: Category,
    duration: Duration.describe('Game seconds it takes; the player can do nothing else meanwhile but chat.'),
    tags: z
      .array(z.enum(['restart', 'rollback', 'scale', 'change', 'verify', 'status-update', 'hypothesis', 'precheck', 'command', 'escalate']))
      .max(8)
      .default([])
      .describe(
        'Patterns the debrief looks for: a restart, a rollback, a change to production, a verification, a status update, a written hypothesis, a check before shipping.',
      ),
    visible: ConditionSchema.optional().describe('Shown in the palette only while this holds (default: always).'),
    requires: z
      .array(
        z.strictObject({
          when: ConditionField('Must hold for the action to start.'),
          reason: Text(200).describe('Told to the player when this does not hold.'),
        }),
      )
      .max(8)
      .default([])
      .describe('Preconditions checked when the player starts the action.'),
    repeatable: z.boolean().default(true).describe('False: the player can do it only once.'),
    undoes: Id.optional().describe(
      'The action this one reverses (resume undoes pause, re-deploy undoes a rollback). Going back and forth between the two is scored as thrashing.',
    ),
    outcomes: z
      .array(
        z.strictObject({
          when: ConditionSchema.optional().describe(
            'Checked when the action completes; the first outcome that holds is used. Leave it off on the last.',
          ),
          text: Text(1000).describe('What the player is told.'),
          verdict: Verdict,
          effects: Effects.describe('What this outcome does to the world.'),
        }),
      )
      .min(1)
      .max(8)
      .describe('What can happen when the action completes; the first outcome whose "when" holds then applies.'),
  })
  .describe('Something the player can do.');

const TriggerSchema = z
  .strictObject({
    id: Id,
    description: Text(400).optional().describe('What the trigger stands for, for mentors.'),
    when: ConditionField('The trigger fires when this holds: once, or every "every" seconds while it holds.'),
    every: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .optional()
      .describe('Fire again every this many seconds while the condition holds (default: once).'),
    max: z.number().int().min(1).max(10_000).optional().describe('At most this many firings.'),
    effects: Effects.describe('What each firing does to the world.'),
  })
  .describe('Something the world does by itself, such as a backfill that advances every minute.');

const HintSchema = z
  .strictObject({
    id: Id,
    level: z.enum(['gentle', 'guided']).describe('gentle hints come in both coach modes; guided ones only in guided mode.'),
    when: ConditionField('The coach sends the hint, once, when this first holds.'),
    text: Text(600).describe('What the coach says.'),
  })
  .describe('A nudge from the coach when the player seems stuck.');

const EndingVariantSchema = z
  .strictObject({
    when: ConditionField("The variant is told when this holds as the run ends (and no earlier variant's does)."),
    title: Text(120).optional().describe("Its title in the debrief; without one, the ending's own title."),
    text: Text(1000).describe("How it ended, told instead of the ending's own text."),
  })
  .describe(
    'A telling of an ending for runs in which more is true than the ending itself guarantees, such as which repairs the player made.',
  );

const EndingSchema = z
  .strictObject({
    id: Id,
    kind: z
      .enum(['resolved', 'failed', 'timeout'])
      .describe('resolved: declared over while fixed and verified; failed: its condition held; timeout: the clock ran out.'),
    title: Text(120).describe("The ending's title in the debrief, when no variant applies."),
    text: Text(1000).describe(
      'How it ended, in a short paragraph for the debrief, when no variant applies. It may claim only what the ending guarantees (see "variants").',
    ),
    when: ConditionSchema.optional().describe('For a failed ending: the condition that ends the game.'),
    variants: z
      .array(EndingVariantSchema)
      .max(8)
      .default([])
      .describe(
        'Tried in order when the run ends; the first whose "when" holds gives the title and text shown. None holding means the ending\'s own.',
      ),
  })
  .describe('How the scenario can end.');

/** A dimension's weight in the total score. */
const Weight = (dimension: string) =>
  z.number().min(0).max(10).default(1).describe(`Weight of the ${dimension} dimension in the total; 0 leaves it out.`);

const ScoringSchema = z
  .strictObject({
    weights: z
      .strictObject({
        stabilise: Weight('stabilise'),
        diagnose: Weight('diagnose'),
        remediate: Weight('remediate'),
        verify: Weight('verify'),
        communicate: Weight('communicate'),
        composure: Weight('composure'),
      })
      .prefault({})
      .describe('How much each dimension counts in the total.'),
    stabiliseTargetSeconds: z
      .number()
      .int()
      .min(60)
      .max(14_400)
      .default(900)
      .describe('Impact contained within this many seconds of starting earns the containment part of stabilise in full.'),
    stabiliseLimitSeconds: z
      .number()
      .int()
      .min(60)
      .max(14_400)
      .default(3600)
      .describe('Impact contained after this many seconds earns nothing for containment.'),
    harmLimitSeconds: z
      .number()
      .int()
      .min(60)
      .max(14_400)
      .default(1200)
      .describe(
        'Harm beyond what the expert path lets through, in seconds of full impact: this much more earns nothing for harm. A contained but still affected second counts as `degradedHarm` of one.',
      ),
    degradedHarm: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('How much a second of impact counts once it is contained (users degraded, not failing): 0 to 1.'),
    lostCommandMessage: Id.optional().describe(
      'The message that hands the incident to another commander (say, after a false all-clear); its posting is scored as losing command.',
    ),
    limits: z
      .strictObject({
        premature: z
          .array(z.number().int().min(0).max(100))
          .min(1)
          .max(5)
          .default([69, 54, 39])
          .describe('The most the total can be after one, two, three… premature all-clears (the last entry holds for more).'),
        silent: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(69)
          .describe('The most the total can be when no status update said anything while users were affected.'),
        frantic: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(69)
          .describe('The most the total can be after a restart on a hunch or retrying a change that had failed.'),
        guess: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(84)
          .describe('The most the total can be when the fix that held was started before the cause was understood.'),
        open: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(54)
          .describe('The most the total can be when time ran out with the recovery unverified.'),
        undeclared: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(69)
          .describe('The most the total can be when time ran out with the recovery verified but never declared.'),
      })
      .prefault({})
      .describe(
        'Grade limits: the most the total can be after the mistakes an incident commander will not sign off, whatever else went well.',
      ),
    updateCadenceSeconds: z
      .number()
      .int()
      .min(60)
      .max(7200)
      .default(900)
      .describe('A status update is expected at least this often while users are affected.'),
    changeWindowSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .default(300)
      .describe('Changes closer together than this, with no check between, count as several changes at once.'),
    rules: z
      .array(
        z.strictObject({
          id: Id,
          dimension: DimensionSchema.describe('The dimension the points count towards.'),
          points: z.number().int().min(-50).max(50).describe('Points added when the rule fires (negative: taken away).'),
          when: ConditionField('The rule fires the first time this holds.'),
          text: Text(300).describe('The reason shown in the debrief.'),
          advice: Text(300)
            .optional()
            .describe('For a rule that removes points: what to do instead, offered as a suggestion in the debrief when the rule fired.'),
        }),
      )
      .max(32)
      .default([])
      .describe('Scenario-specific scoring: each rule awards or removes points the first time its condition holds.'),
  })
  .prefault({})
  .describe("Tunes the built-in scoring and adds rules of the scenario's own.");

// ---------------------------------------------------------------------------------------------
// Team mode: the roles players take in a game day and the injects the facilitator has at hand.
// ---------------------------------------------------------------------------------------------

/** The action tags, taken from the action schema so the two lists cannot drift apart. */
const ActionTagName = ActionSchema.shape.tags.unwrap().element;

const TeamRoleSchema = z
  .strictObject({
    id: Id,
    name: Text(60).describe("The role's name, shown in the lobby and next to its players' names."),
    description: Text(400).describe('What players in this role do, shown when they choose a role.'),
    may: z
      .strictObject({
        categories: z.array(Category).max(5).default([]).describe('Start any action of these categories.'),
        actions: z.array(Id).max(128).default([]).describe('Start these actions, whatever their category.'),
        tags: z.array(ActionTagName).max(8).default([]).describe('Start any action that has one of these tags.'),
        statusUpdates: z
          .boolean()
          .default(false)
          .describe(
            'Post in incident channels and start actions tagged status-update. Only this grants them: whatever its categories, a role without it gives no status updates.',
          ),
        chat: z.boolean().default(false).describe('Post in the other channels and answer questions asked in chat.'),
        notes: z.boolean().default(false).describe('Write in the shared incident notes.'),
      })
      .prefault({})
      .describe('What players in this role may do; the server refuses everything not granted here.'),
  })
  .describe('A role players can take in a team game day.');

const InjectSchema = z
  .strictObject({
    id: Id,
    label: Text(80).describe('The button the facilitator presses.'),
    from: Id.describe('The character who posts it.'),
    channel: Id.describe('The channel it is posted in.'),
    text: Text(1000).describe('What the message says.'),
    effects: Effects.describe('What injecting it does to the world.'),
  })
  .describe('A message or event the facilitator can inject during a game day.');

const TeamSchema = z
  .strictObject({
    roles: z
      .array(TeamRoleSchema)
      .min(1)
      .max(12)
      .optional()
      .describe(
        'The roles players choose from. Leave it out for the built-in set: incident commander, operator, communications, scribe and observer.',
      ),
    injects: z.array(InjectSchema).max(64).default([]).describe('Messages or events the facilitator can inject with one press.'),
  })
  .describe('Team mode: the roles players take and the injects the facilitator has at hand. Solo play ignores it.');

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().max(400).optional().describe('Path to scenario.schema.json, for editor completion.'),
    format: z.literal(1).describe('The scenario format version.'),
    id: Id,
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .describe("The scenario's own version, major.minor.patch; saved runs remember it."),
    title: Text(120).describe("The scenario's name, shown on the scenario card and in the briefing."),
    summary: Text(600).describe('One or two sentences on the scenario card: what the player is in for.'),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']).describe('Shown on the scenario card.'),
    estimatedMinutes: z
      .number()
      .int()
      .min(1)
      .max(240)
      .describe('About how many real minutes a run takes; shown on the card and in the briefing.'),
    tags: z.array(z.string().max(40)).max(16).default([]).describe('Keywords that describe the scenario, such as "deploy" or "cache".'),
    lessons: z
      .array(z.strictObject({ id: Id, text: Text(400).describe('The lesson, in a sentence or two.') }))
      .min(1)
      .max(12)
      .describe('What the scenario teaches, shown in the briefing and the debrief.'),
    postmortem: z
      .strictObject({
        actionItems: z
          .array(
            z.strictObject({
              id: Id,
              text: Text(300).describe('The fix, in a sentence: "Retry invoice jobs with exponential backoff and a cap."'),
              owner: Text(60).optional().describe('Who would own it, as a role or a team: "billing team", "release manager".'),
            }),
          )
          .max(12)
          .default([])
          .describe(
            "Fixes to the system that the incident calls for, listed as the postmortem's action items, whatever the player did. The player's coaching stays apart, in the debrief.",
          ),
      })
      .optional()
      .describe('What the exported postmortem says beyond the run itself.'),
    briefing: z
      .strictObject({
        role: Text(600).describe('Who the player is and what they are responsible for.'),
        situation: Text(1200).describe('What is going on as the scenario opens.'),
      })
      .describe('Shown before play starts.'),
    clock: z
      .strictObject({
        weekday: z
          .enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
          .describe('The day the incident happens on, shown in the briefing.'),
        start: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
          .describe('The wall-clock time at game second 0, as HH:MM.'),
        limitSeconds: z.number().int().min(300).max(43_200).describe('The scenario times out after this many game seconds.'),
        tickSeconds: z
          .number()
          .int()
          .min(1)
          .max(60)
          .default(5)
          .describe('How often the world updates (triggers, conditions, metric samples).'),
      })
      .describe('Where the game clock starts and how long the scenario may run.'),
    player: z
      .strictObject({
        name: Text(60).default('You').describe("The player's name in chat."),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .default('#4ea1ff')
          .describe("The player's name colour in chat, as #rrggbb."),
      })
      .prefault({})
      .describe('How the player appears in chat.'),
    coach: z
      .strictObject({
        character: Id.describe('The senior colleague who sends hints.'),
        channel: Id.describe('The direct-message channel the hints arrive in.'),
      })
      .optional()
      .describe('Who coaches the player when coach mode is gentle or guided.'),
    facts: z.array(FactSchema).max(128).default([]),
    services: z.array(ServiceSchema).min(1).max(32),
    metrics: z.array(MetricSchema).max(24).default([]),
    deploys: z.array(DeploySchema).max(32).default([]),
    channels: z.array(ChannelSchema).min(1).max(16),
    characters: z.array(CharacterSchema).min(1).max(32),
    messages: z.array(MessageSchema).max(400).default([]),
    evidence: z.array(EvidenceSchema).max(128).default([]),
    actions: z.array(ActionSchema).min(1).max(128),
    triggers: z.array(TriggerSchema).max(64).default([]),
    hints: z.array(HintSchema).max(64).default([]),
    incident: z
      .strictObject({
        impact: ConditionField('Holds while users are affected.'),
        stabilised: ConditionField('Holds once impact is contained, even in a degraded state.'),
        understood: ConditionField('Holds once the player has found what really changed.'),
        fixed: ConditionField('Holds once the cause is repaired.'),
        verified: ConditionField('Holds once the repair has been checked; declaring resolved before this brings a relapse.'),
      })
      .describe('The milestones the engine and the debrief track.'),
    relapse: z
      .strictObject({
        messages: z.array(Id).max(8).default([]).describe('Messages posted when a premature all-clear relapses.'),
        effects: Effects.describe('What a premature all-clear does to the world, besides posting the relapse messages.'),
      })
      .prefault({})
      .describe('What happens when the player declares the incident resolved while it is not.'),
    endings: z.array(EndingSchema).min(1).max(16),
    expertPath: z
      .array(
        z.strictObject({
          at: GameSeconds.describe('When the expert starts the action, in game seconds.'),
          action: Id.describe('The action the expert takes.'),
          why: Text(300).describe('Why, in a sentence the debrief shows.'),
        }),
      )
      .max(64)
      .default([])
      .describe('What an experienced engineer would do, and when; the debrief compares against it.'),
    scoring: ScoringSchema,
    team: TeamSchema.optional(),
  })
  .describe('A Firedrill incident scenario.');

/** A validated scenario, with every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A scenario as a mentor writes it, before defaults. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export type Action = Scenario['actions'][number];
export type Message = Scenario['messages'][number];
export type Metric = Scenario['metrics'][number];
export type Evidence = Scenario['evidence'][number];
export type Ending = Scenario['endings'][number];
export type Reply = NonNullable<Message['asks']>['replies'][number];
export type Category = z.infer<typeof Category>;
export type Verdict = z.infer<typeof Verdict>;
export type Health = z.infer<typeof Health>;
export type { Milestone } from './concepts';
export type { Dimension } from './concepts';
export type Team = NonNullable<Scenario['team']>;
export type TeamRole = NonNullable<Team['roles']>[number];
export type Inject = Team['injects'][number];
