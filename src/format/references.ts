/**
 * Checks that every id a scenario refers to is defined, and that ids are unique. The walkers here
 * visit every condition and effect with its path, for this check and for the linter.
 */
import { MILESTONES } from './concepts';
import type { PathProblem } from './problem';
import type { Path } from './json-source';
import type { Condition, Effect, Scenario } from './schema';
import { checkTeamReferences } from './team-references';

/** Calls `visit` for every condition in the scenario, nested ones included. */
export function forEachCondition(scenario: Scenario, visit: (condition: Condition, path: Path) => void): void {
  const walk = (c: Condition | undefined, path: Path) => {
    if (!c) return;
    visit(c, path);
    if ('all' in c) c.all.forEach((x, i) => walk(x, [...path, 'all', i]));
    if ('any' in c) c.any.forEach((x, i) => walk(x, [...path, 'any', i]));
    if ('not' in c) walk(c.not, [...path, 'not']);
  };
  scenario.services.forEach((s, i) => s.health.forEach((h, j) => walk(h.when, ['services', i, 'health', j, 'when'])));
  scenario.metrics.forEach((m, i) => m.levels.forEach((l, j) => walk(l.when, ['metrics', i, 'levels', j, 'when'])));
  scenario.messages.forEach((m, i) => {
    walk(m.when, ['messages', i, 'when']);
    walk(m.repeat?.while, ['messages', i, 'repeat', 'while']);
  });
  scenario.actions.forEach((a, i) => {
    walk(a.visible, ['actions', i, 'visible']);
    a.requires.forEach((r, j) => walk(r.when, ['actions', i, 'requires', j, 'when']));
    a.outcomes.forEach((o, j) => walk(o.when, ['actions', i, 'outcomes', j, 'when']));
  });
  scenario.triggers.forEach((t, i) => walk(t.when, ['triggers', i, 'when']));
  scenario.hints.forEach((h, i) => walk(h.when, ['hints', i, 'when']));
  scenario.endings.forEach((e, i) => {
    walk(e.when, ['endings', i, 'when']);
    (e.variants ?? []).forEach((v, j) => walk(v.when, ['endings', i, 'variants', j, 'when']));
  });
  for (const key of MILESTONES) walk(scenario.incident[key], ['incident', key]);
  scenario.scoring.rules.forEach((r, i) => walk(r.when, ['scoring', 'rules', i, 'when']));
}

/** Calls `visit` for every effect in the scenario. */
export function forEachEffect(scenario: Scenario, visit: (effect: Effect, path: Path) => void): void {
  const list = (effects: readonly Effect[], path: Path) => effects.forEach((e, i) => visit(e, [...path, i]));
  scenario.deploys.forEach((d, i) => list(d.effects, ['deploys', i, 'effects']));
  scenario.messages.forEach((m, i) => m.asks?.replies.forEach((r, j) => list(r.effects, ['messages', i, 'asks', 'replies', j, 'effects'])));
  scenario.actions.forEach((a, i) => a.outcomes.forEach((o, j) => list(o.effects, ['actions', i, 'outcomes', j, 'effects'])));
  scenario.triggers.forEach((t, i) => list(t.effects, ['triggers', i, 'effects']));
  list(scenario.relapse.effects, ['relapse', 'effects']);
  // A team game day's facilitator can inject these at any time; solo play never does.
  scenario.team?.injects.forEach((inject, i) => list(inject.effects, ['team', 'injects', i, 'effects']));
}

type Kind = 'fact' | 'metric' | 'service' | 'action' | 'evidence' | 'message' | 'channel' | 'character';

export function checkReferences(scenario: Scenario): PathProblem[] {
  const problems: PathProblem[] = [];
  const ids: Record<Kind, Set<string>> = {
    fact: new Set(),
    metric: new Set(),
    service: new Set(),
    action: new Set(),
    evidence: new Set(),
    message: new Set(),
    channel: new Set(),
    character: new Set(),
  };
  const lists: [Kind | 'other', string, readonly { id: string }[]][] = [
    ['fact', 'facts', scenario.facts],
    ['metric', 'metrics', scenario.metrics],
    ['service', 'services', scenario.services],
    ['action', 'actions', scenario.actions],
    ['evidence', 'evidence', scenario.evidence],
    ['message', 'messages', scenario.messages],
    ['channel', 'channels', scenario.channels],
    ['character', 'characters', scenario.characters],
    ['other', 'deploys', scenario.deploys],
    ['other', 'triggers', scenario.triggers],
    ['other', 'hints', scenario.hints],
    ['other', 'endings', scenario.endings],
    ['other', 'lessons', scenario.lessons],
    ['other', 'postmortem/actionItems', scenario.postmortem?.actionItems ?? []],
    ['other', 'scoring/rules', scenario.scoring.rules],
  ];
  for (const [kind, key, items] of lists) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        problems.push({ code: 'FD301', path: [...key.split('/'), i, 'id'], message: `The id "${item.id}" is used twice in ${key}.` });
      seen.add(item.id);
      if (kind !== 'other') ids[kind].add(item.id);
    });
  }
  // Reply ids are a list of their own inside each question.
  scenario.messages.forEach((m, i) => {
    const seen = new Set<string>();
    m.asks?.replies.forEach((r, j) => {
      if (seen.has(r.id))
        problems.push({
          code: 'FD301',
          path: ['messages', i, 'asks', 'replies', j, 'id'],
          message: `The reply id "${r.id}" is used twice in message "${m.id}".`,
        });
      seen.add(r.id);
    });
  });
  const need = (kind: Kind, id: string | undefined, path: Path) => {
    if (id !== undefined && !ids[kind].has(id)) problems.push({ code: 'FD300', path, message: `No ${kind} has the id "${id}".` });
  };

  forEachCondition(scenario, (c, path) => {
    if ('fact' in c) need('fact', c.fact, [...path, 'fact']);
    if ('metric' in c) need('metric', c.metric, [...path, 'metric']);
    if ('service' in c) need('service', c.service, [...path, 'service']);
    if ('did' in c) need('action', c.did, [...path, 'did']);
    if ('doing' in c) need('action', c.doing, [...path, 'doing']);
    if ('seen' in c) need('evidence', c.seen, [...path, 'seen']);
    if ('sent' in c) need('message', c.sent, [...path, 'sent']);
    if ('answered' in c) {
      need('message', c.answered, [...path, 'answered']);
      const message = scenario.messages.find((m) => m.id === c.answered);
      // A message that asks nothing has no replies at all, so any choice names an undefined reply.
      if (c.choice !== undefined && message && !message.asks?.replies.some((r) => r.id === c.choice)) {
        const offers = message.asks ? `offers no reply "${c.choice}"` : `asks nothing, so it has no reply "${c.choice}"`;
        problems.push({ code: 'FD300', path: [...path, 'choice'], message: `Message "${c.answered}" ${offers}.` });
      }
    }
    if ('since' in c) {
      need('action', c.since.did, [...path, 'since', 'did']);
      need('message', c.since.sent, [...path, 'since', 'sent']);
      need('evidence', c.since.seen, [...path, 'since', 'seen']);
    }
  });
  forEachEffect(scenario, (e, path) => {
    // An inject's effects are checked with the rest of the team section, by checkTeamReferences.
    if (path[0] === 'team') return;
    if ('set' in e) need('fact', e.set, [...path, 'set']);
    if ('add' in e) need('fact', e.add, [...path, 'add']);
    if ('reveal' in e) need('evidence', e.reveal, [...path, 'reveal']);
    if ('send' in e) need('message', e.send, [...path, 'send']);
  });
  scenario.services.forEach((s, i) => s.dependsOn.forEach((d, j) => need('service', d, ['services', i, 'dependsOn', j])));
  scenario.metrics.forEach((m, i) => need('service', m.service, ['metrics', i, 'service']));
  scenario.deploys.forEach((d, i) => {
    need('service', d.service, ['deploys', i, 'service']);
    need('character', d.author, ['deploys', i, 'author']);
    need('evidence', d.evidence, ['deploys', i, 'evidence']);
  });
  scenario.messages.forEach((m, i) => {
    need('channel', m.channel, ['messages', i, 'channel']);
    need('character', m.from, ['messages', i, 'from']);
    need('message', m.asks?.ifIgnored, ['messages', i, 'asks', 'ifIgnored']);
  });
  scenario.actions.forEach((a, i) => need('action', a.undoes, ['actions', i, 'undoes']));
  scenario.relapse.messages.forEach((m, i) => need('message', m, ['relapse', 'messages', i]));
  scenario.expertPath.forEach((step, i) => need('action', step.action, ['expertPath', i, 'action']));
  need('message', scenario.scoring.lostCommandMessage, ['scoring', 'lostCommandMessage']);
  if (scenario.coach) {
    need('character', scenario.coach.character, ['coach', 'character']);
    need('channel', scenario.coach.channel, ['coach', 'channel']);
  }
  if (!scenario.endings.some((e) => e.kind === 'resolved')) {
    problems.push({ code: 'FD302', path: ['endings'], message: 'No ending has "kind": "resolved", so the incident can never be won.' });
  }
  problems.push(...checkTeamReferences(scenario));
  return problems;
}
