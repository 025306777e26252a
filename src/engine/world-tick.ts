/**
 * What the world does by itself on each tick: deploys ship, triggers fire, messages and hints post,
 * services and metrics follow the facts, milestones are recorded and failed endings are checked.
 * The order below is part of the engine's contract: changing it changes every replay.
 */
import { endRun } from './actions';
import { expireQuestions, postMessage } from './chat';
import { holds, milestoneHolds } from './conditions';
import { applyEffects } from './effects';
import { emit, ownMetrics, type Draft } from './draft';
import { nextRandom } from './rng';
import { TRACKED_MILESTONES } from './types';

export function worldTick(draft: Draft): void {
  shipDeploys(draft);
  fireTriggers(draft);
  postScheduledMessages(draft);
  expireQuestions(draft);
  sendHints(draft);
  updateServices(draft);
  updateMetrics(draft);
  trackMilestones(draft);
  fireScoringRules(draft);
  checkEndings(draft);
}

function shipDeploys(draft: Draft): void {
  const { state, world } = draft;
  for (const deploy of world.scenario.deploys) {
    if (deploy.at > state.time || state.shipped.includes(deploy.id)) continue;
    state.shipped.push(deploy.id);
    // History from before the start is already part of the world, not news.
    if (deploy.at >= 0) emit(draft, { kind: 'deploy', deploy: deploy.id });
    applyEffects(draft, deploy.effects);
  }
}

function fireTriggers(draft: Draft): void {
  const { state, world } = draft;
  for (const trigger of world.scenario.triggers) {
    const record = state.triggers[trigger.id];
    if (record) {
      if (trigger.every === undefined || state.time - record.lastAt < trigger.every) continue;
      if (trigger.max !== undefined && record.count >= trigger.max) continue;
    }
    if (!holds(world, state, trigger.when)) continue;
    state.triggers[trigger.id] = { count: (record?.count ?? 0) + 1, lastAt: state.time };
    applyEffects(draft, trigger.effects);
  }
}

function postScheduledMessages(draft: Draft): void {
  const { state, world } = draft;
  for (const message of world.scheduled) {
    // The time test first: it is the cheap one, and most messages are not due on most ticks.
    if (message.at !== undefined && message.at > state.time) continue;
    if (state.posted[message.id]) continue;
    if (message.when && !holds(world, state, message.when)) continue;
    postMessage(draft, message);
  }
  for (const message of world.repeating) {
    const repeat = message.repeat!;
    const record = state.posted[message.id];
    if (!record) continue;
    const repeats = record.count - 1;
    if (repeats >= repeat.max || state.time - record.lastAt < repeat.every) continue;
    if (!holds(world, state, repeat.while)) continue;
    const text = repeat.texts[Math.min(repeats, repeat.texts.length - 1)] ?? message.text;
    postMessage(draft, message, text);
  }
}

const HINT_LEVELS = { off: [], gentle: ['gentle'], guided: ['gentle', 'guided'] } as const;

function sendHints(draft: Draft): void {
  const { state, world } = draft;
  const coach = world.scenario.coach;
  const levels: readonly string[] = HINT_LEVELS[state.options.coach];
  if (!coach || levels.length === 0) return;
  for (const hint of world.scenario.hints) {
    if (state.hints[hint.id] !== undefined || !levels.includes(hint.level)) continue;
    if (!holds(world, state, hint.when)) continue;
    state.hints[hint.id] = state.time;
    const post = postMessage(draft, {
      id: `hint:${hint.id}`,
      channel: coach.channel,
      from: coach.character,
      text: hint.text,
      importance: 'important',
      mentionsPlayer: true,
    });
    emit(draft, { kind: 'hint', hint: hint.id, post: post.id });
  }
}

function updateServices(draft: Draft): void {
  const { state, world } = draft;
  for (const service of world.scenario.services) {
    const next = service.health.find((rule) => holds(world, state, rule.when))?.is ?? 'healthy';
    const previous = state.services[service.id] ?? 'healthy';
    if (next === previous) continue;
    state.services[service.id] = next;
    emit(draft, { kind: 'service', service: service.id, from: previous, to: next });
  }
}

function updateMetrics(draft: Draft): void {
  const { state, world } = draft;
  const dt = world.scenario.clock.tickSeconds;
  const metrics = ownMetrics(draft);
  for (const metric of world.scenario.metrics) {
    const m = metrics[metric.id];
    if (!m) continue;
    const target = metric.levels.find((level) => holds(world, state, level.when))?.value ?? metric.baseline;
    const blend = metric.responseSeconds === 0 ? 1 : 1 - Math.exp(-dt / metric.responseSeconds);
    const before = m.value;
    m.value = before + (target - before) * blend;
    const [r, next] = nextRandom(state.rng);
    state.rng = next;
    let sample = m.value + metric.noise * (r * 2 - 1);
    sample = Math.max(metric.min, metric.max === undefined ? sample : Math.min(metric.max, sample));
    m.samples.push(Math.round(sample * 100) / 100);
    if (metric.warnAbove !== undefined && before > metric.warnAbove !== m.value > metric.warnAbove) {
      emit(draft, { kind: 'alarm', metric: metric.id, on: m.value > metric.warnAbove });
    }
  }
}

function trackMilestones(draft: Draft): void {
  const { state, world } = draft;
  const affected = milestoneHolds(world, state, 'impact');
  const open = state.impact.at(-1);
  if (affected && (!open || open.to !== null)) {
    state.impact.push({ from: state.time, to: null });
    if (state.milestones.impact === null) state.milestones.impact = state.time;
    emit(draft, { kind: 'impact', on: true });
  } else if (!affected && open && open.to === null) {
    open.to = state.time;
    emit(draft, { kind: 'impact', on: false });
  }
  for (const milestone of TRACKED_MILESTONES) {
    // Stabilising means containing an impact that exists; before the first impact there is nothing to contain.
    const now = milestoneHolds(world, state, milestone) && !(milestone === 'stabilised' && state.milestones.impact === null);
    const spans = state.held[milestone];
    const last = spans.at(-1);
    if (now && (!last || last.to !== null)) spans.push({ from: state.time, to: null });
    else if (!now && last && last.to === null) last.to = state.time;
    if (state.milestones[milestone] !== null || !now) continue;
    state.milestones[milestone] = state.time;
    emit(draft, { kind: 'milestone', milestone });
  }
}

function fireScoringRules(draft: Draft): void {
  const { state, world } = draft;
  for (const rule of world.scenario.scoring.rules) {
    if (state.rules[rule.id] === undefined && holds(world, state, rule.when)) state.rules[rule.id] = state.time;
  }
}

function checkEndings(draft: Draft): void {
  const { state, world } = draft;
  for (const ending of world.scenario.endings) {
    if (ending.kind === 'failed' && ending.when && holds(world, state, ending.when)) {
      endRun(draft, ending.id, 'failed');
      return;
    }
  }
  if (state.time >= world.scenario.clock.limitSeconds) {
    const timeout = world.scenario.endings.find((e) => e.kind === 'timeout');
    endRun(draft, timeout?.id ?? 'timeout', 'timeout');
  }
}
