/**
 * The pieces of team mode around the room: the wire protocol's schemas and its specific refusals,
 * the token bucket, join codes and secrets, the scenario's `team` section with its reference
 * checks, the role rules, and two guards: the room's logic reads no clock or randomness, and the
 * solo game's first screen never loads the team client.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/authoring';
import { ScenarioSchema, type Scenario } from '../../src/format';
import { checkTeamReferences } from '../../src/format/team-references';
import {
  JoinOptions,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  normaliseJoinCode,
  parseCommand,
  parseJoinError,
  joinErrorText,
  EventsMessage,
  RoomInfo,
  Welcome,
} from '../../src/net/protocol';
import { DEFAULT_ROLES, mayAct, mayNote, mayPost, mayReply, scenarioRoles } from '../../src/net/roles';
import { fullBucket, takeToken } from '../../src/net/rate-limit';
import { digestOf, matchesDigest, newJoinCode, newSecret } from '../../src/server/secrets';
import { FLAGSHIP_SOURCE } from './helpers/flagship-mutants';
import { loadShipped } from './helpers/flagship';
import { miniScenarioInput } from './helpers/mini-scenario';
import { createTeamStore, lookUpGameDay } from '../../src/store/team-session';

const root = resolve(import.meta.dirname, '../..');

describe('client commands', () => {
  const refusal = (raw: unknown) => {
    const parsed = parseCommand(raw);
    return parsed.ok ? null : parsed.error;
  };

  it('accepts every well-formed command', () => {
    const secret = newSecret();
    for (const raw of [
      { type: 'sync', since: 0 },
      { type: 'act', action: 'check_deploy_history', ref: 3 },
      { type: 'reply', message: 'p12', choice: 'ack' },
      { type: 'post', channel: 'general', text: 'Multi\nline is fine.' },
      { type: 'note', text: 'Rollback is one-way.', kind: 'finding' },
      { type: 'start', secret },
      { type: 'speed', secret, speed: 2 },
      { type: 'inject', secret, inject: 'ceo' },
      { type: 'inject-text', secret, from: 'dana', channel: 'general', text: 'ETA?' },
      { type: 'hint', secret, to: { seat: 'p2' }, text: 'Look at the worker.' },
      { type: 'facilitator-note', secret, text: 'Good call on pausing the worker.' },
    ]) {
      expect(parseCommand(raw), JSON.stringify(raw)).toEqual({ ok: true, command: raw });
    }
  });

  it('refuses what is not a command object, saying so', () => {
    for (const raw of ['act', 42, null, undefined, [{ type: 'act' }], true]) expect(refusal(raw)?.code).toBe('protocol.malformed');
  });

  it('refuses an unknown or missing type, naming it', () => {
    expect(refusal({ type: 'explode' })).toEqual({ code: 'protocol.unknown-type', message: 'Unknown command type ("explode").' });
    expect(refusal({ action: 'x' })?.message).toBe('Unknown command type (missing).');
    expect(refusal({ type: 'constructor' })?.code).toBe('protocol.unknown-type');
    expect(refusal({ type: '__proto__' })?.code).toBe('protocol.unknown-type');
    expect(refusal({ type: 'x'.repeat(10_000) })?.message.length).toBeLessThan(100);
  });

  it('refuses a malformed command with the field and the problem', () => {
    expect(refusal({ type: 'act' })?.message).toMatch(/^Invalid "act" command: action /);
    expect(refusal({ type: 'act', action: 'x', player: 'p1' })?.message).toBe('Invalid "act" command: unknown field "player".');
    expect(refusal({ type: 'act', action: 'x', ['k'.repeat(10_000)]: 1 })?.message.length).toBeLessThan(200);
    expect(refusal({ type: 'act', action: 'Not An Id' })?.message).toMatch(/action is not an id/);
    expect(refusal({ type: 'post', channel: 'general', text: 'x'.repeat(2001) })?.message).toMatch(
      /text must be at most 2000 characters long/,
    );
    expect(refusal({ type: 'post', channel: 'general', text: '   ' })?.message).toMatch(/text is empty/);
    expect(refusal({ type: 'note', text: 'nul\u0000' })?.message).toMatch(/control characters/);
    expect(refusal({ type: 'note', text: 'x', kind: 'rant' })?.code).toBe('protocol.invalid');
    expect(refusal({ type: 'speed', secret: newSecret(), speed: 3 })?.code).toBe('protocol.invalid');
    expect(refusal({ type: 'start' })?.message).toMatch(/secret/);
    expect(refusal({ type: 'start', secret: 'short' })?.message).toMatch(/secret must be at least 16 characters long/);
    expect(refusal({ type: 'hint', secret: newSecret(), to: { role: 'ops', seat: 'p1' }, text: 'x' })?.code).toBe('protocol.invalid');
    expect(refusal({ type: 'inject-text', secret: newSecret(), from: 'dana', channel: 'general', text: 'x'.repeat(1001) })?.code).toBe(
      'protocol.invalid',
    );
    expect(refusal({ type: 'sync', since: 1.5 })?.code).toBe('protocol.invalid');
    expect(refusal({ type: 'act', action: 'x', ref: -1 })?.code).toBe('protocol.invalid');
  });

  it('checks join options the same way', () => {
    expect(JoinOptions.safeParse({ as: 'player', name: 'Ada', role: 'operator' }).success).toBe(true);
    expect(JoinOptions.safeParse({ as: 'watch' }).success).toBe(true);
    expect(JoinOptions.safeParse({ as: 'create', game: { scenario: 'friday-deploy' } }).data).toEqual({
      as: 'create',
      game: { scenario: 'friday-deploy', speed: 1, coach: 'off' },
    });
    for (const bad of [
      { as: 'player', name: '', role: 'operator' },
      { as: 'player', name: 'A'.repeat(41), role: 'operator' },
      { as: 'player', name: 'Ada', role: 'operator', seat: 'p1' },
      { as: 'admin' },
      { as: 'create', game: { scenario: 'friday-deploy', seed: -1 } },
      { as: 'create', game: { scenario: 'friday-deploy', roles: [] } },
      { as: 'seat', token: 'x' },
      { as: 'watch', secret: newSecret() },
      { as: 'watch', name: 'Projector' },
    ]) {
      expect(JoinOptions.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("carries a join refusal's code through the matchmaker's error text", () => {
    const error = { code: 'join.role', message: 'There is no role "pilot".' } as const;
    expect(parseJoinError(joinErrorText(error))).toEqual(error);
    expect(parseJoinError('room "X" not found')).toBeNull();
  });

  it("lets a client check a game day's public facts, and refuses a garbled or hostile answer whole", () => {
    const info = {
      code: 'ABCDEFGHJK',
      scenario: { id: 'mini', title: 'Mini incident' },
      roles: [{ id: 'lead', name: 'Lead', description: 'Does everything.' }],
      phase: 'lobby',
      players: [{ name: 'Ada', role: 'lead' }],
    };
    expect(RoomInfo.parse(info)).toEqual(info);
    for (const bad of [
      { ...info, secret: newSecret() },
      { ...info, code: 'abc' },
      { ...info, roles: [] },
      { ...info, roles: [{ id: 'lead', name: 'Lead', description: 'x', may: { chat: true } }] },
      { ...info, phase: 'exploded' },
      { ...info, players: [{ name: 'Ada\nEve', role: 'lead' }] },
      { ...info, scenario: { id: 'mini', title: 'x'.repeat(201) } },
      'hello',
      null,
    ]) {
      expect(RoomInfo.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('welcomes a watcher with nothing but its kind', () => {
    const welcome = {
      code: 'ABCDEFGHJK',
      you: { kind: 'watcher' },
      scenario: { id: 'mini', version: '1.0.0' },
      options: { seed: 1, coach: 'off' },
      roles: [],
      injects: [],
      latest: 0,
    };
    expect(Welcome.safeParse(welcome).success).toBe(true);
    expect(Welcome.safeParse({ ...welcome, you: { kind: 'watcher', secret: newSecret() } }).success).toBe(false);
  });

  it('lets a client check what the server sends', () => {
    expect(
      EventsMessage.safeParse({ events: [{ seq: 1, kind: 'phase', phase: 'running', at: 0 }], latest: 1, catchUp: false }).success,
    ).toBe(true);
    expect(
      EventsMessage.safeParse({ events: [{ seq: 0, kind: 'phase', phase: 'running', at: 0 }], latest: 1, catchUp: false }).success,
    ).toBe(false);
    expect(EventsMessage.safeParse({ events: [{ seq: 1, kind: 'teleport' }], latest: 1, catchUp: false }).success).toBe(false);
  });
});

describe('the rate limit', () => {
  const limit = { capacity: 3, perSecond: 2 };

  it('allows a burst, then refuses with the wait, then refills with time', () => {
    let bucket = fullBucket(limit, 0);
    const take = (now: number) => {
      const result = takeToken(bucket, now, limit);
      bucket = result.bucket;
      return result;
    };
    expect([take(0).ok, take(0).ok, take(0).ok]).toEqual([true, true, true]);
    expect(take(0)).toMatchObject({ ok: false, retryInMs: 500 });
    expect(take(250)).toMatchObject({ ok: false, retryInMs: 250 });
    expect(take(500).ok).toBe(true);
    expect(take(10_000).ok).toBe(true);
    expect(bucket.tokens).toBe(2);
  });

  it('mints nothing from a clock that goes backwards or is not a number', () => {
    const empty = { tokens: 0, at: 1000 };
    expect(takeToken(empty, 0, limit).ok).toBe(false);
    expect(takeToken(empty, Number.NaN, limit).ok).toBe(false);
    expect(takeToken(empty, Number.POSITIVE_INFINITY, limit).ok).toBe(false);
  });
});

describe('join codes and secrets', () => {
  it('draws join codes from the unambiguous alphabet, all different', () => {
    const codes = Array.from({ length: 2000 }, newJoinCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(codes.length);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    // Every letter turns up: the draw covers the alphabet rather than a corner of it.
    expect(new Set(codes.join('')).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(normaliseJoinCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
  });

  it('issues 256-bit secrets and recognises them only by their digest', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(secret);
    const digest = digestOf(secret);
    expect(digest).not.toContain(secret);
    expect(matchesDigest(secret, digest)).toBe(true);
    expect(matchesDigest(newSecret(), digest)).toBe(false);
    expect(matchesDigest('', digest)).toBe(false);
    expect(matchesDigest(secret, 'not-hex')).toBe(false);
  });
});

describe("the scenario's team section", () => {
  const withTeam = (team: unknown) => ({ ...miniScenarioInput(), team });

  it('is optional, and without roles in it a scenario offers the built-in roles', () => {
    const retryStorm = loadShipped('retry-storm.json');
    expect(retryStorm.team).toBeUndefined();
    expect(scenarioRoles(retryStorm)).toBe(DEFAULT_ROLES);
    // The flagship has prepared injects but no roles of its own.
    const flagship = loadShipped('friday-deploy.json');
    expect(flagship.team?.injects.map((i) => i.id)).toEqual(['finance-invoices', 'double-charge', 'kofi-from-the-train', 'sale-email']);
    expect(scenarioRoles(flagship)).toBe(DEFAULT_ROLES);
    expect(DEFAULT_ROLES.map((r) => r.id)).toEqual(['commander', 'operator', 'comms', 'scribe', 'observer']);
  });

  it('loads with roles and injects, filling in defaults', () => {
    const text = JSON.stringify(
      withTeam({
        roles: [{ id: 'dba', name: 'DBA', description: 'Owns the database.', may: { actions: ['fix'], notes: true } }],
        injects: [{ id: 'ceo', label: 'CEO asks', from: 'sue', channel: 'support', text: 'What is going on?' }],
      }),
    );
    const result = loadScenario(text, 'team.json');
    // The mini scenario draws two lint warnings of its own; the team section adds nothing.
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.pointer.startsWith('/team'))).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.team?.roles?.[0]?.may).toEqual({
      categories: [],
      actions: ['fix'],
      tags: [],
      statusUpdates: false,
      chat: false,
      notes: true,
    });
    expect(result.scenario.team?.injects[0]?.effects).toEqual([]);
    expect(scenarioRoles(result.scenario).map((r) => r.id)).toEqual(['dba']);
  });

  it('refuses unknown fields and values in it', () => {
    expect(ScenarioSchema.safeParse(withTeam({ roles: [{ id: 'x', name: 'X', description: 'X', may: { admin: true } }] })).success).toBe(
      false,
    );
    expect(
      ScenarioSchema.safeParse(withTeam({ roles: [{ id: 'x', name: 'X', description: 'X', may: { categories: ['hack'] } }] })).success,
    ).toBe(false);
    expect(
      ScenarioSchema.safeParse(withTeam({ roles: [{ id: 'x', name: 'X', description: 'X', may: { tags: ['teleport'] } }] })).success,
    ).toBe(false);
    expect(ScenarioSchema.safeParse(withTeam({ roles: [] })).success).toBe(false);
    expect(
      ScenarioSchema.safeParse(withTeam({ injects: [{ id: 'a', label: 'A', from: 'sue', channel: 'support', text: '' }] })).success,
    ).toBe(false);
  });

  it('has every id it names checked, at its path', () => {
    const scenario: Scenario = ScenarioSchema.parse(
      withTeam({
        roles: [
          { id: 'dba', name: 'DBA', description: 'x', may: { actions: ['fix', 'drop_tables'] } },
          { id: 'dba', name: 'DBA again', description: 'x' },
        ],
        injects: [
          {
            id: 'a',
            label: 'A',
            from: 'nobody',
            channel: 'support',
            text: 'x',
            effects: [{ set: 'no_fact', to: true }, { reveal: 'diff' }, { send: 'ghost' }],
          },
          { id: 'a', label: 'A', from: 'sue', channel: 'nowhere', text: 'x' },
        ],
      }),
    );
    expect(checkTeamReferences(scenario).map((p) => [p.code, p.path.join('/')])).toEqual([
      ['FD301', 'team/roles/1/id'],
      ['FD300', 'team/roles/0/may/actions/1'],
      ['FD301', 'team/injects/1/id'],
      ['FD300', 'team/injects/0/from'],
      ['FD300', 'team/injects/0/effects/0/set'],
      ['FD300', 'team/injects/0/effects/2/send'],
      ['FD300', 'team/injects/1/channel'],
    ]);
    expect(checkTeamReferences(loadShipped('friday-deploy.json'))).toEqual([]);
  });
});

describe('role rules', () => {
  const flagship = loadShipped('friday-deploy.json');
  const action = (id: string) => flagship.actions.find((a) => a.id === id)!;
  const channel = (id: string) => flagship.channels.find((c) => c.id === id)!;
  const role = (id: string) => DEFAULT_ROLES.find((r) => r.id === id)!;

  it('give status updates only to roles that own them, whatever their categories', () => {
    const commsOnlyByCategory = { ...role('comms'), may: { ...role('comms').may, statusUpdates: false } };
    expect(mayAct(commsOnlyByCategory, action('status_update'))?.code).toBe('role.forbidden');
    expect(mayAct(role('comms'), action('status_update'))).toBeNull();
    expect(mayPost(role('operator'), channel('incident-orders'))?.code).toBe('role.forbidden');
    expect(mayPost(role('operator'), channel('general'))).toBeNull();
  });

  it('let the commander do everything and the observer nothing', () => {
    for (const a of flagship.actions) {
      expect(mayAct(role('commander'), a), a.id).toBeNull();
      expect(mayAct(role('observer'), a), a.id).not.toBeNull();
    }
    expect(
      [mayReply(role('observer')), mayNote(role('observer')), mayPost(role('observer'), channel('general'))].every(
        (r) => r?.code === 'role.forbidden',
      ),
    ).toBe(true);
    expect(mayNote(role('scribe'))).toBeNull();
  });
});

describe('guards', () => {
  it('the room core and the shared protocol read no clock and draw no unseeded randomness', () => {
    for (const file of [
      'src/server/room-core.ts',
      'src/net/protocol.ts',
      'src/net/roles.ts',
      'src/net/rate-limit.ts',
      'src/net/team-view.ts',
    ]) {
      const source = readFileSync(join(root, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(source, file).not.toMatch(/\b(Date\.now|new Date|performance\.now|setTimeout|setInterval|Math\.random)\b/);
    }
  });

  it("the solo game's first screen never loads the team client", () => {
    // Walk the static imports from the page's entry; `import()` is a separate chunk, loaded on demand.
    const seen = new Set<string>();
    const offending: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      // Type-only imports are erased from the bundle, so they do not count.
      for (const match of source.matchAll(/^\s*(?:import|export)\s(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        const target = match[1]!;
        if (/^(colyseus\.js|@colyseus\/)/.test(target)) offending.push(`${file} imports ${target}`);
        if (!target.startsWith('.')) continue;
        const base = resolve(dirname(file), target);
        const next = [`${base}.ts`, join(base, 'index.ts'), base].find((f) => existsSync(f) && f.endsWith('.ts'));
        if (next) visit(next);
      }
    };
    visit(join(root, 'src/main.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect([...seen].filter((f) => f.includes('/src/net/team-client') || f.includes('/src/server/'))).toEqual([]);
    expect(offending).toEqual([]);
    // The guard can fail: the team client itself imports colyseus.js.
    expect(readFileSync(join(root, 'src/net/team-client.ts'), 'utf8')).toMatch(/from 'colyseus\.js'/);
    expect(FLAGSHIP_SOURCE.length).toBeGreaterThan(0);
  });
});

describe("the join form's look-up of a game day", () => {
  const info = {
    code: 'ABCDEFGHJK',
    scenario: { id: 'mini', title: 'Mini incident' },
    roles: [{ id: 'lead', name: 'Lead', description: 'Does everything.' }],
    phase: 'lobby',
    players: [],
  };
  const answer = (status: number, body: unknown): typeof fetch =>
    (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;
  const lookUp = async (typed: string, fetcher: typeof fetch) => {
    (globalThis as { location?: unknown }).location ??= { origin: 'http://127.0.0.1:1' };
    const team = createTeamStore(() => []);
    await lookUpGameDay(team, typed, fetcher);
    return team.getState().lookup;
  };

  it('asks only once the code is complete, and shows the game day it finds', async () => {
    let asked = '';
    const fetcher = (async (url: string) => (
      (asked = url), new Response(JSON.stringify(info), { status: 200 })
    )) as unknown as typeof fetch;
    expect(await lookUp('ABC', fetcher)).toEqual({ state: 'none' });
    expect(asked).toBe('');
    expect(await lookUp('abcde-fghjk', fetcher)).toEqual({ state: 'found', code: 'ABCDEFGHJK', info });
    expect(asked).toMatch(/\/team\/game-days\/ABCDEFGHJK$/);
  });

  it("shows the server's own message for an unknown code, and a clear one for a garbled or hostile answer", async () => {
    expect(await lookUp('ABCDEFGHJK', answer(404, { code: 'join.code', message: 'No game day has the code ABCDEFGHJK.' }))).toMatchObject({
      state: 'failed',
      message: 'No game day has the code ABCDEFGHJK.',
    });
    expect(await lookUp('ABCDEFGHJK', answer(502, '<html>Bad gateway</html>'))).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/^Could not look up the game day/),
    });
    expect(
      await lookUp('ABCDEFGHJK', answer(200, { ...info, roles: [{ id: 'lead', name: 'Lead', description: 'x', onclick: 'alert(1)' }] })),
    ).toMatchObject({
      state: 'failed',
      message: 'The server\'s answer about this game day is not valid: roles[0] unknown field "onclick".',
    });
    expect(await lookUp('ABCDEFGHJK', answer(200, { ...info, code: 'ZZZZZZZZZZ' }))).toMatchObject({
      state: 'failed',
      message: 'The server answered about a different game day.',
    });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await lookUp('ABCDEFGHJK', offline)).toMatchObject({
      state: 'failed',
      message: 'Could not look up the game day: Failed to fetch',
    });
  });
});
