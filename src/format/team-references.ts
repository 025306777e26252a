/**
 * Reference checks for a scenario's `team` section: role and inject ids are unique, and every id
 * a role or an inject names (actions, characters, channels, and what an inject's effects touch)
 * is defined. Uses the same codes as the rest of the reference stage (FD300 unknown, FD301 twice).
 */
import type { Path } from './json-source';
import type { PathProblem } from './problem';
import type { Scenario } from './schema';

type Kind = 'action' | 'character' | 'channel' | 'fact' | 'evidence' | 'message';

/** Problems in `scenario.team`; none when the scenario has no team section. */
export function checkTeamReferences(scenario: Scenario): PathProblem[] {
  const team = scenario.team;
  if (!team) return [];
  const problems: PathProblem[] = [];
  const defined: Record<Kind, Set<string>> = {
    action: new Set(scenario.actions.map((a) => a.id)),
    character: new Set(scenario.characters.map((c) => c.id)),
    channel: new Set(scenario.channels.map((c) => c.id)),
    fact: new Set(scenario.facts.map((f) => f.id)),
    evidence: new Set(scenario.evidence.map((e) => e.id)),
    message: new Set(scenario.messages.map((m) => m.id)),
  };
  const need = (kind: Kind, id: string, path: Path) => {
    if (!defined[kind].has(id)) problems.push({ code: 'FD300', path, message: `No ${kind} has the id "${id}".` });
  };
  const unique = (items: readonly { id: string }[], key: 'roles' | 'injects') => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        problems.push({ code: 'FD301', path: ['team', key, i, 'id'], message: `The id "${item.id}" is used twice in team.${key}.` });
      seen.add(item.id);
    });
  };

  const roles = team.roles ?? [];
  unique(roles, 'roles');
  roles.forEach((role, i) => role.may.actions.forEach((action, j) => need('action', action, ['team', 'roles', i, 'may', 'actions', j])));

  unique(team.injects, 'injects');
  team.injects.forEach((inject, i) => {
    const at: Path = ['team', 'injects', i];
    need('character', inject.from, [...at, 'from']);
    need('channel', inject.channel, [...at, 'channel']);
    inject.effects.forEach((effect, j) => {
      const path: Path = [...at, 'effects', j];
      if ('set' in effect) need('fact', effect.set, [...path, 'set']);
      if ('add' in effect) need('fact', effect.add, [...path, 'add']);
      if ('reveal' in effect) need('evidence', effect.reveal, [...path, 'reveal']);
      if ('send' in effect) need('message', effect.send, [...path, 'send']);
    });
  });
  return problems;
}
