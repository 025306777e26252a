/** A tiny scenario for engine tests: small enough to reason about every tick. */
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../../../src/format';

export function miniScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return ScenarioSchema.parse({ ...miniScenarioInput(), ...overrides });
}

/** The mini scenario with a team section, for team-mode tests: its own roles and an inject that changes the world. */
export function teamMiniScenario(): Scenario {
  return miniScenario({
    team: {
      roles: [
        {
          id: 'lead',
          name: 'Lead',
          description: 'Does everything.',
          may: {
            categories: ['investigate', 'mitigate', 'remediate', 'communicate', 'resolve'],
            statusUpdates: true,
            chat: true,
            notes: true,
          },
        },
        { id: 'fixer', name: 'Fixer', description: 'Only fixes.', may: { actions: ['fix'], tags: ['verify'] } },
      ],
      injects: [
        {
          id: 'ceo',
          label: 'The CEO asks',
          from: 'sue',
          channel: 'support',
          text: 'The CEO is asking what is going on.',
          effects: [{ add: 'pings', amount: 1 }, { reveal: 'logs' }],
        },
      ],
    },
  });
}

/** The mini scenario as written, for tests that extend one of its lists rather than replace it. */
export function miniScenarioInput(): ScenarioInput {
  return {
    format: 1,
    id: 'mini',
    version: '1.0.0',
    title: 'Mini incident',
    summary: 'A cache change breaks the api.',
    difficulty: 'beginner',
    estimatedMinutes: 5,
    lessons: [{ id: 'look', text: 'Look before you leap.' }],
    briefing: { role: 'On call.', situation: 'Quiet afternoon.' },
    clock: { weekday: 'Friday', start: '16:00', limitSeconds: 1800, tickSeconds: 5 },
    coach: { character: 'sam', channel: 'dm-sam' },
    facts: [
      { id: 'broken', description: 'The cache change is live.', initial: false },
      { id: 'flag_off', description: 'The feature flag is off.', initial: false },
      { id: 'fixed', description: 'The cache is fixed.', initial: false },
      { id: 'checked', description: 'Recovery was checked.', initial: false },
      { id: 'pings', description: 'How often support pinged.', initial: 0 },
    ],
    services: [{ id: 'api', name: 'API', health: [{ when: { all: [{ fact: 'broken' }, { not: { fact: 'flag_off' } }] }, is: 'down' }] }],
    metrics: [
      {
        id: 'errors',
        name: 'Error rate',
        unit: '%',
        baseline: 1,
        noise: 0.5,
        responseSeconds: 10,
        warnAbove: 20,
        levels: [{ when: { service: 'api', is: 'down' }, value: 50 }],
      },
    ],
    deploys: [
      {
        id: 'd1',
        at: 60,
        service: 'api',
        title: 'Cache tweak',
        author: 'ana',
        summary: 'Changes the cache key.',
        evidence: 'diff',
        effects: [{ set: 'broken', to: true }],
      },
    ],
    channels: [
      { id: 'incident', name: 'incident', kind: 'incident' },
      { id: 'support', name: 'support', kind: 'support' },
      { id: 'dm-sam', name: 'Sam', kind: 'dm' },
    ],
    characters: [
      { id: 'ana', name: 'Ana', role: 'Developer', color: '#aa3366' },
      { id: 'sue', name: 'Sue', role: 'Support', color: '#33aa66' },
      { id: 'sam', name: 'Sam', role: 'Senior engineer', color: '#3366aa' },
    ],
    messages: [
      { id: 'hello', channel: 'incident', from: 'ana', text: 'Shipping the cache tweak.', at: 30 },
      {
        id: 'report',
        channel: 'support',
        from: 'sue',
        text: 'Customers see errors. Is something wrong?',
        when: { service: 'api', is: 'down' },
        importance: 'important',
        repeat: { every: 60, while: { service: 'api', is: 'down' }, max: 3, texts: ['Still errors!', 'EVERYTHING IS DOWN'] },
        asks: {
          expiresAfter: 120,
          ifIgnored: 'report_louder',
          replies: [
            { id: 'ack', label: 'Acknowledge', text: 'Looking into it now.', verdict: 'success' },
            { id: 'deny', label: 'Deny', text: 'Works for me.', verdict: 'harmful' },
          ],
        },
      },
      { id: 'report_louder', channel: 'support', from: 'sue', text: 'Hello?? Anyone on call?', importance: 'critical' },
    ],
    evidence: [
      { id: 'diff', kind: 'diff', title: 'Cache tweak diff', body: ['- key = id', '+ key = name'], relevant: true, changeHistory: true },
      { id: 'logs', kind: 'log', title: 'API logs', body: ['ERROR cache miss storm'], relevant: true },
    ],
    actions: [
      {
        id: 'read_diff',
        label: 'Read the diff',
        category: 'investigate',
        duration: 60,
        outcomes: [{ text: 'The key changed.', verdict: 'success', effects: [{ reveal: 'diff' }] }],
      },
      {
        id: 'read_logs',
        label: 'Read the logs',
        category: 'investigate',
        duration: 30,
        outcomes: [{ text: 'Miss storm.', verdict: 'success', effects: [{ reveal: 'logs' }] }],
      },
      {
        id: 'flag_off',
        label: 'Turn the flag off',
        category: 'mitigate',
        duration: 30,
        tags: ['change'],
        outcomes: [{ text: 'Errors drop.', verdict: 'success', effects: [{ set: 'flag_off', to: true }] }],
      },
      {
        id: 'restart',
        label: 'Restart the api',
        category: 'mitigate',
        duration: 60,
        tags: ['restart', 'change'],
        outcomes: [{ text: 'No change.', verdict: 'failure' }],
      },
      {
        id: 'fix',
        label: 'Fix the cache key',
        category: 'remediate',
        duration: 120,
        tags: ['change'],
        requires: [{ when: { seen: 'diff' }, reason: 'You do not know what changed yet.' }],
        outcomes: [
          {
            when: { fact: 'broken' },
            text: 'Fixed.',
            verdict: 'success',
            effects: [
              { set: 'fixed', to: true },
              { set: 'broken', to: false },
            ],
          },
          { text: 'Nothing to fix.', verdict: 'neutral' },
        ],
      },
      {
        id: 'check',
        label: 'Check recovery',
        category: 'investigate',
        duration: 60,
        tags: ['verify'],
        outcomes: [
          { when: { fact: 'fixed' }, text: 'All good.', verdict: 'success', effects: [{ set: 'checked', to: true }] },
          { text: 'Still broken.', verdict: 'failure' },
        ],
      },
      {
        id: 'resolve',
        label: 'Declare resolved',
        category: 'resolve',
        duration: 10,
        outcomes: [{ text: 'Declared.', verdict: 'neutral' }],
      },
      {
        id: 'status',
        label: 'Post a status update',
        category: 'communicate',
        duration: 20,
        tags: ['status-update'],
        outcomes: [{ text: 'Posted.', verdict: 'success' }],
      },
    ],
    hints: [
      { id: 'look', level: 'gentle', when: { all: [{ time: { gte: 300 } }, { not: { seen: 'diff' } }] }, text: 'What changed?' },
      {
        id: 'spell',
        level: 'guided',
        when: { all: [{ time: { gte: 400 } }, { not: { seen: 'diff' } }] },
        text: 'Read the cache tweak diff.',
      },
    ],
    incident: {
      impact: { service: 'api', is: 'down' },
      stabilised: { any: [{ fact: 'flag_off' }, { fact: 'fixed' }] },
      understood: { seen: 'diff' },
      fixed: { fact: 'fixed' },
      verified: { fact: 'checked' },
    },
    relapse: { messages: ['report_louder'], effects: [{ add: 'pings', amount: 1 }] },
    endings: [
      { id: 'won', kind: 'resolved', title: 'Resolved', text: 'Well done.' },
      {
        id: 'lost',
        kind: 'failed',
        title: 'Meltdown',
        text: 'Down too long.',
        when: { all: [{ time: { gte: 1500 } }, { service: 'api', is: 'down' }] },
      },
      { id: 'late', kind: 'timeout', title: 'Out of time', text: 'The clock ran out.' },
    ],
  };
}

/** The mini scenario's input completed so it lints clean: an expert path and a scoring rule that read what it writes. */
export function lintCleanMiniInput(): Record<string, any> {
  const s = JSON.parse(JSON.stringify(miniScenarioInput())) as Record<string, any>;
  s.expertPath = [
    { at: 90, action: 'read_diff', why: 'See what changed.' },
    { at: 160, action: 'flag_off', why: 'Stop the bleeding.' },
    { at: 200, action: 'fix', why: 'Fix the key.' },
    { at: 330, action: 'check', why: 'Check it worked.' },
    { at: 400, action: 'resolve', why: 'Close it.' },
  ];
  s.scoring = {
    rules: [{ id: 'nagged', dimension: 'communicate', points: -5, when: { fact: 'pings', gte: 1 }, text: 'Declared resolved too early.' }],
  };
  return s;
}
