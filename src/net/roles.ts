/**
 * Team roles: the built-in set a scenario without a `team.roles` list gets, and the checks that say
 * whether a role may do something. Pure, so the server enforces them and a client can grey out
 * what its player may not do with the very same rules.
 */
import type { Action, Category, Scenario, TeamRole } from '../format/schema';

type Channel = Scenario['channels'][number];

const ALL_CATEGORIES: Category[] = ['investigate', 'mitigate', 'remediate', 'communicate', 'resolve'];

/** The roles of a game day when the scenario names none: command, hands on the system, comms, notes, a projector. */
export const DEFAULT_ROLES: readonly TeamRole[] = [
  {
    id: 'commander',
    name: 'Incident commander',
    description: 'Runs the response: may do anything, and is the one who declares the incident over.',
    may: { categories: ALL_CATEGORIES, actions: [], tags: [], statusUpdates: true, chat: true, notes: true },
  },
  {
    id: 'operator',
    name: 'Operator',
    description: 'Hands on the system: investigates, mitigates and remediates.',
    may: { categories: ['investigate', 'mitigate', 'remediate'], actions: [], tags: [], statusUpdates: false, chat: true, notes: true },
  },
  {
    id: 'comms',
    name: 'Communications',
    description: 'Keeps people informed: status updates, answers to stakeholders, paging.',
    may: { categories: ['communicate'], actions: [], tags: [], statusUpdates: true, chat: true, notes: true },
  },
  {
    id: 'scribe',
    name: 'Scribe',
    description: 'Writes down what happens, the hypotheses and the findings, for the team and the postmortem.',
    may: { categories: [], actions: [], tags: [], statusUpdates: false, chat: false, notes: true },
  },
  {
    id: 'observer',
    name: 'Observer',
    description: 'Watches without acting, for example the projector in the room.',
    may: { categories: [], actions: [], tags: [], statusUpdates: false, chat: false, notes: false },
  },
];

/** The roles a scenario offers: its own list, or the built-in set. */
export function scenarioRoles(scenario: Scenario): readonly TeamRole[] {
  return scenario.team?.roles ?? DEFAULT_ROLES;
}

/**
 * What the checks read of a role: its name and grants. A scenario's role fits, and so does the
 * role as the server describes it to a client, whose lists are plain strings.
 */
export interface RoleGrants {
  name: string;
  may: {
    categories: readonly string[];
    actions: readonly string[];
    tags: readonly string[];
    statusUpdates: boolean;
    chat: boolean;
    notes: boolean;
  };
}

/** Why a role may not do something; `null` when it may. */
export type RoleRefusal = { code: 'role.forbidden'; message: string } | null;

const forbid = (role: RoleGrants, what: string): RoleRefusal => ({
  code: 'role.forbidden',
  message: `As ${role.name} you may not ${what}.`,
});

/** Whether a role may start an action. Status updates need `statusUpdates` whatever else is granted. */
export function mayAct(role: RoleGrants, action: Action): RoleRefusal {
  const label = `“${action.label}”`;
  if (action.tags.includes('status-update')) return role.may.statusUpdates ? null : forbid(role, `give status updates (${label})`);
  const granted =
    role.may.categories.includes(action.category) ||
    role.may.actions.includes(action.id) ||
    action.tags.some((t) => role.may.tags.includes(t));
  return granted ? null : forbid(role, `${label} (${action.category})`);
}

/** Whether a role may post in a channel: incident channels carry status updates, the rest is chat. */
export function mayPost(role: RoleGrants, channel: Channel): RoleRefusal {
  if (channel.kind === 'incident') return role.may.statusUpdates ? null : forbid(role, `post status updates in #${channel.name}`);
  return role.may.chat ? null : forbid(role, `post in #${channel.name}`);
}

/** Whether a role may answer a question asked in chat. */
export function mayReply(role: RoleGrants): RoleRefusal {
  return role.may.chat ? null : forbid(role, 'answer questions in chat');
}

/** Whether a role may write in the shared notes. */
export function mayNote(role: RoleGrants): RoleRefusal {
  return role.may.notes ? null : forbid(role, 'write in the notes');
}

/**
 * The roles, of those given, whose players may declare the incident resolved: start one of the
 * scenario's `resolve` actions. A game day with nobody in one of them can never end as resolved.
 */
export function declaringRoles<R extends RoleGrants & { id: string }>(scenario: Pick<Scenario, 'actions'>, roles: readonly R[]): R[] {
  const declares = scenario.actions.filter((a) => a.category === 'resolve');
  return roles.filter((role) => declares.some((action) => mayAct(role, action) === null));
}
