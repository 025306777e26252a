/**
 * The semantic lint (FD4xx): for each warning, a scenario where it fires, positioned at the offending
 * value, and a close one where it stays quiet. The mini scenario, completed with an expert path and a
 * rule that reads its counter, lints clean; each test edits it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintScenario, loadScenario } from '../../src/authoring';
import { ScenarioSchema, type Diagnostic } from '../../src/format';
import { analyse } from '../../src/authoring/lint-reach';
import { lintCleanMiniInput } from './helpers/mini-scenario';

type Edit = (s: Record<string, any>) => void;

const base = lintCleanMiniInput;

function lint(edit: Edit = () => {}): { diagnostics: Diagnostic[]; text: string } {
  const s = base();
  edit(s);
  const text = JSON.stringify(s, null, 2);
  const result = loadScenario(text, 'lint.json');
  if (!result.ok)
    throw new Error(`expected the edited scenario to load: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return { diagnostics: result.diagnostics, text };
}

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.pointer}`);

/** Line and column (1-based) of the nth occurrence of `needle`. */
function positionOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Lints the edit and expects exactly these warnings, by code and pointer. */
function expectWarnings(edit: Edit, expected: string[]): Diagnostic[] {
  const { diagnostics } = lint(edit);
  expect(summary(diagnostics)).toEqual(expected);
  for (const d of diagnostics) expect(d.severity).toBe('warning');
  return diagnostics;
}

const paged = { id: 'paged', description: 'Someone paged the DBA.', initial: false };

describe('the fixture', () => {
  it('lints clean, so every warning below comes from its edit', () => {
    expect(lint().diagnostics).toEqual([]);
  });
});

describe('FD400 type mismatch', () => {
  it('fires on a fact set to a value of another type, at the value', () => {
    const { diagnostics, text } = lint((s) => (s.deploys[0].effects[0].to = 'yes'));
    expect(summary(diagnostics)).toEqual(['FD400 /deploys/0/effects/0/to']);
    expect(diagnostics[0]).toMatchObject(positionOf(text, '"yes"'));
    expect(diagnostics[0]!.message).toContain('"broken" is a boolean');
  });

  it('fires on comparisons with the wrong type and numeric tests of non-numbers, and on "add" to a non-number', () => {
    expectWarnings(
      (s) => {
        s.hints[0].when = { fact: 'checked', eq: 1 };
        s.hints[1].when = { fact: 'broken', gte: 1 };
        s.relapse.effects.push({ add: 'checked', amount: 1 });
      },
      ['FD400 /hints/0/when/eq', 'FD400 /hints/1/when/gte', 'FD400 /relapse/effects/1/add'],
    );
  });

  it('stays quiet when types agree', () => {
    expectWarnings((s) => {
      s.hints[0].when = { fact: 'checked', eq: false };
      s.scoring.rules[0].when = { fact: 'pings', gte: 2, lt: 10 };
    }, []);
  });
});

describe('FD401 undeclared value', () => {
  const mode = (s: Record<string, any>) => {
    s.facts.push({ id: 'mode', description: 'Traffic mode.', initial: 'normal', values: ['normal', 'safe'] });
    s.actions[2].outcomes[0].effects.push({ set: 'mode', to: 'safe' });
    s.hints[0].when = { fact: 'mode', eq: 'safe' };
  };

  it('fires on a value outside "values", when set, compared or initial, and on "values" of a non-string fact', () => {
    expectWarnings(
      (s) => {
        mode(s);
        s.actions[2].outcomes[0].effects.push({ set: 'mode', to: 'panic' });
        s.hints[1].when = { fact: 'mode', ne: 'panic' };
        s.facts[0].values = ['on'];
      },
      ['FD401 /facts/0/values', 'FD401 /actions/2/outcomes/0/effects/2/to', 'FD401 /hints/1/when/ne'],
    );
    expectWarnings(
      (s) => {
        mode(s);
        s.facts[5].initial = 'off';
      },
      ['FD401 /facts/5/initial'],
    );
  });

  it('stays quiet on declared values', () => {
    expectWarnings(mode, []);
  });
});

describe('FD402 condition never holds', () => {
  it('fires on a trigger needing a fact value nothing sets, at that fact', () => {
    const { diagnostics, text } = lint((s) => {
      s.facts.push(paged);
      s.triggers = [{ id: 'escalate', when: { fact: 'paged' }, effects: [{ send: 'report_louder' }] }];
    });
    expect(summary(diagnostics)).toEqual(['FD402 /triggers/0/when/fact']);
    expect(diagnostics[0]!.message).toBe('Trigger "escalate" never fires: fact "paged" can only be false.');
    expect(diagnostics[0]).toMatchObject(positionOf(text, '"paged"', 1));
  });

  it('fires on unreachable metric thresholds, service health, verdicts and counts', () => {
    expectWarnings(
      (s) => {
        s.actions[0].repeatable = false;
        s.scoring.rules.push(
          { id: 'spike', dimension: 'stabilise', points: -5, when: { metric: 'errors', gt: 60 }, text: 'Errors spiked.' },
          { id: 'twice', dimension: 'diagnose', points: 5, when: { did: 'read_diff', count: { gte: 2 } }, text: 'Read it twice.' },
          { id: 'bad', dimension: 'diagnose', points: -5, when: { did: 'read_diff', outcome: 'harmful' }, text: 'Harmful read.' },
        );
        s.hints[0].when = { service: 'api', is: 'degraded' };
        s.endings[1].when = { metric: 'errors', lt: 0 };
      },
      [
        'FD402 /hints/0/when/is',
        'FD402 /endings/1/when/lt',
        'FD402 /scoring/rules/1/when/gt',
        'FD402 /scoring/rules/2/when/count',
        'FD402 /scoring/rules/3/when/outcome',
      ],
    );
  });

  it('fires on a milestone that can never hold', () => {
    expectWarnings(
      (s) => {
        s.facts.push(paged);
        s.incident.understood = { fact: 'paged' };
      },
      ['FD402 /incident/understood/fact'],
    );
  });

  it('stays quiet on what some run reaches', () => {
    expectWarnings((s) => {
      s.triggers = [
        {
          id: 'escalate',
          when: { all: [{ fact: 'broken' }, { metric: 'errors', gt: 40 }, { service: 'api', is: 'down' }] },
          effects: [{ send: 'report_louder' }],
        },
      ];
      s.hints[0].when = { did: 'restart', outcome: 'failure' };
    }, []);
  });

  it('reports the cause, not its consequences', () => {
    // The hint needs an action nobody can start: only the action is reported.
    expectWarnings(
      (s) => {
        s.facts.push(paged);
        s.actions[3].visible = { fact: 'paged' };
        s.hints[0].when = { did: 'restart' };
      },
      ['FD403 /actions/3/visible/fact'],
    );
  });

  it('claims nothing past the engine depth limit, where its answer is not the meaning', () => {
    let deep: Record<string, unknown> = { fact: 'paged' };
    for (let i = 0; i < 26; i++) deep = { not: deep };
    expectWarnings((s) => {
      s.facts.push(paged);
      s.hints[0].when = deep;
    }, []);
  });
});

describe('FD403 action never possible', () => {
  it('fires on a hidden action, an impossible requirement and an action longer than the scenario', () => {
    expectWarnings(
      (s) => {
        s.facts.push(paged);
        s.actions[3].visible = { fact: 'paged' };
        s.actions[7].requires = [{ when: { metric: 'errors', gt: 99 }, reason: 'Only when it is on fire.' }];
        s.actions[1].duration = 2000;
      },
      ['FD403 /actions/1/duration', 'FD403 /actions/3/visible/fact', 'FD403 /actions/7/requires/0/when/gt'],
    );
  });

  it('stays quiet when the requirements can be met', () => {
    expectWarnings((s) => (s.actions[7].requires = [{ when: { metric: 'errors', gt: 30 }, reason: 'Only when it is on fire.' }]), []);
  });
});

describe('FD404 time outside the scenario', () => {
  it('fires on messages, deploys, expert steps and time conditions past the limit or before the start', () => {
    const { diagnostics } = lint((s) => {
      s.messages[0].at = 1801;
      s.expertPath[4].at = 1800;
      s.hints[0].when = { all: [{ time: { gte: 1801 } }, { not: { seen: 'diff' } }] };
      s.hints[1].when = { time: { lt: 0 } };
      s.scoring.rules.push(
        { id: 'window', dimension: 'verify', points: 5, when: { time: { gte: 300, lt: 200 } }, text: 'Never.' },
        { id: 'quiet', dimension: 'communicate', points: -5, when: { since: { did: 'status' }, gte: 2000 }, text: 'Silent.' },
      );
    });
    expect(summary(diagnostics)).toEqual([
      'FD404 /messages/0/at',
      'FD404 /hints/0/when/all/0/time/gte',
      'FD404 /hints/1/when/time/lt',
      'FD404 /expertPath/4/at',
      'FD404 /scoring/rules/1/when/time',
      'FD404 /scoring/rules/2/when/gte',
    ]);
  });

  it('fires on a deploy that never ships', () => {
    const { diagnostics } = lint((s) => (s.deploys[0].at = 5000));
    expect(summary(diagnostics)).toContain('FD404 /deploys/0/at');
  });

  it('stays quiet at the last tick: a condition from the limit on still holds once', () => {
    expectWarnings((s) => {
      s.hints[0].when = { time: { gte: 1800 } };
      s.expertPath[4].at = 1790;
    }, []);
  });
});

describe('FD405 fact never read', () => {
  it('fires on a fact only written, and on a fact not used at all', () => {
    const [written, unused] = expectWarnings(
      (s) => {
        s.scoring.rules = [];
        s.facts.push({ id: 'spare', description: 'Nothing uses this.', initial: 0 });
      },
      ['FD405 /facts/4/id', 'FD405 /facts/5/id'],
    );
    expect(written!.message).toContain('changed by effects');
    expect(unused!.message).toContain('never used');
  });

  it('stays quiet when a condition reads it', () => {
    expectWarnings((s) => (s.scoring.rules[0].when = { not: { fact: 'pings', eq: 0 } }), []);
  });
});

describe('FD406 no expert path', () => {
  it('fires on an empty or missing expert path', () => {
    expectWarnings((s) => (s.expertPath = []), ['FD406 /expertPath']);
    expectWarnings((s) => delete s.expertPath, ['FD406 /expertPath']);
  });
});

describe('FD407 expert path out of order', () => {
  it('fires on a step before the previous one, and on a step that starts while the previous one runs', () => {
    expectWarnings((s) => ([s.expertPath[1], s.expertPath[2]] = [s.expertPath[2], s.expertPath[1]]), ['FD407 /expertPath/2/at']);
    expectWarnings((s) => (s.expertPath[1].at = 120), ['FD407 /expertPath/1/at']);
  });

  it('stays quiet when each step starts as the previous one ends', () => {
    expectWarnings((s) => (s.expertPath[1].at = 150), []);
  });
});

describe('FD408 impossible expert step', () => {
  it('fires on a step its action refuses at that time, a repeat of a one-off action, and an action nobody can start', () => {
    expectWarnings(
      (s) => s.actions[4].requires.push({ when: { time: { gte: 250 } }, reason: 'Wait for the deploy window.' }),
      ['FD408 /expertPath/2/action'],
    );
    expectWarnings(
      (s) => {
        s.actions[0].repeatable = false;
        s.expertPath.splice(1, 0, { at: 150, action: 'read_diff', why: 'Read it again.' });
        s.expertPath[2].at = 210;
        s.expertPath[3].at = 250;
        s.expertPath[4].at = 380;
        s.expertPath[5].at = 450;
      },
      ['FD408 /expertPath/1/action'],
    );
    const d = expectWarnings(
      (s) => {
        s.facts.push(paged);
        s.actions[2].visible = { fact: 'paged' };
      },
      ['FD403 /actions/2/visible/fact', 'FD408 /expertPath/1/action'],
    );
    expect(d[1]!.message).toContain('can never be started');
  });

  it('stays quiet when the step is within the window', () => {
    expectWarnings(
      (s) =>
        s.actions[4].requires.push(
          { when: { since: { did: 'flag_off' }, gte: 0 }, reason: 'Mitigate first.' },
          { when: { time: { gte: 200 } }, reason: 'Wait.' },
        ),
      [],
    );
  });
});

describe('FD409 milestone cycle', () => {
  it('fires once per cycle', () => {
    const [d] = expectWarnings(
      (s) => {
        s.incident.fixed = { all: [{ fact: 'fixed' }, { milestone: 'verified' }] };
        s.incident.verified = { all: [{ fact: 'checked' }, { milestone: 'fixed' }] };
      },
      ['FD409 /incident/fixed/all/1'],
    );
    expect(d!.message).toContain('fixed → verified → fixed');
  });

  it('stays quiet on milestones built on others without a loop', () => {
    expectWarnings((s) => (s.incident.verified = { all: [{ fact: 'checked' }, { milestone: 'fixed' }] }), []);
  });
});

describe('FD410 unreachable outcome', () => {
  it('fires on outcomes after a catch-all, and after one whose condition always holds', () => {
    expectWarnings(
      (s) =>
        (s.actions[3].outcomes = [
          { text: 'No change.', verdict: 'failure' },
          { when: { fact: 'broken' }, text: 'Huh.', verdict: 'neutral' },
        ]),
      ['FD410 /actions/3/outcomes/1'],
    );
    expectWarnings(
      (s) =>
        (s.actions[3].outcomes = [
          { when: { time: { gte: 0 } }, text: 'No change.', verdict: 'failure' },
          { text: 'Huh.', verdict: 'neutral' },
        ]),
      ['FD410 /actions/3/outcomes/1'],
    );
  });

  it('stays quiet when the catch-all comes last', () => {
    expectWarnings(
      (s) =>
        (s.actions[3].outcomes = [
          { when: { fact: 'broken' }, text: 'Huh.', verdict: 'neutral' },
          { text: 'No change.', verdict: 'failure' },
        ]),
      [],
    );
  });
});

describe('FD411 hints without a coach', () => {
  it('fires when there are hints and no coach', () => {
    expectWarnings((s) => delete s.coach, ['FD411 /hints']);
  });

  it('stays quiet without hints', () => {
    expectWarnings((s) => {
      delete s.coach;
      s.hints = [];
    }, []);
  });
});

describe('FD412 never shown', () => {
  it('fires on a message nothing posts and evidence nothing uncovers', () => {
    expectWarnings(
      (s) => {
        s.messages.push({ id: 'orphan', channel: 'incident', from: 'ana', text: 'Nobody sends me.' });
        s.evidence.push({ id: 'hidden', kind: 'note', title: 'Hidden', body: ['Never seen.'] });
      },
      ['FD412 /messages/3/id', 'FD412 /evidence/2/id'],
    );
  });

  it('stays quiet when an effect sends or reveals it', () => {
    expectWarnings((s) => {
      s.messages.push({ id: 'orphan', channel: 'incident', from: 'ana', text: 'Sent by the restart.' });
      s.actions[3].outcomes[0].effects = [{ send: 'orphan' }];
    }, []);
  });
});

describe('FD413 cannot be won', () => {
  it('fires without a resolve action, when none can complete, and when "fixed" can never hold', () => {
    // With nothing to declare resolved there is no relapse either, so the rule on its counter is dead too.
    expectWarnings((s) => (s.actions[6].category = 'communicate'), ['FD413 /actions', 'FD402 /scoring/rules/0/when/gte']);
    const blocked = lint((s) => {
      s.facts.push(paged);
      s.actions[6].visible = { fact: 'paged' };
    }).diagnostics;
    expect(summary(blocked)).toContain('FD413 /actions/6/category');
    expectWarnings(
      (s) => {
        s.facts.push(paged);
        s.incident.fixed = { fact: 'paged' };
      },
      ['FD413 /incident/fixed/fact'],
    );
  });
});

describe('hostile input', () => {
  it('makes the analysis give up within its budget, and then the lint claims nothing is unreachable', () => {
    // 120 actions, each shown only once the next one has run, with large conditions: a reverse chain
    // the fixpoint can only climb one step per round.
    const s = base();
    const n = 120;
    for (let i = 0; i < n; i++) s.facts.push({ id: `f${i}`, description: 'A link in the chain.', initial: i === n - 1 });
    for (let i = 0; i < n - 1; i++) {
      const big = { any: Array.from({ length: 8 }, () => ({ all: Array.from({ length: 16 }, () => ({ not: { fact: 'broken' } })) })) };
      s.actions.push({
        id: `a${i}`,
        label: 'A link',
        category: 'investigate',
        duration: 5,
        visible: { all: [{ fact: `f${i + 1}` }, big] },
        outcomes: [{ text: 'Done.', verdict: 'success', effects: [{ set: `f${i}`, to: true }] }],
      });
    }
    const scenario = ScenarioSchema.parse(s);
    expect(analyse(scenario).reach.converged).toBe(false);
    const codes = lintScenario(scenario).map((p) => p.code);
    expect(codes.filter((c) => ['FD402', 'FD403', 'FD408', 'FD410', 'FD413'].includes(c))).toEqual([]);
  });
});

describe('scenarios that ship with the game', () => {
  const dir = new URL('../../scenarios/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

  it('include the flagship', () => {
    expect(files).toContain('friday-deploy.json');
  });

  it.each(files)('%s has no diagnostics at all', (file) => {
    const result = loadScenario(readFileSync(new URL(file, dir), 'utf8'), file);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
