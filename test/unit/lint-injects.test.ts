/**
 * The lint knows a team game day's facilitator can inject at any time: a fact only an inject sets,
 * a message only an inject sends and evidence only an inject reveals are not reported as never
 * happening, and what depends on them is not reported as unreachable. Without the injects, the
 * same scenario is warned about, so the quiet is the injects' doing.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/authoring';
import type { Diagnostic } from '../../src/format';
import { lintCleanMiniInput } from './helpers/mini-scenario';

/** The mini scenario, completed so it lints clean (as in lint.test.ts), plus what only injects touch. */
function withInjectOnlyParts(injects: boolean): Record<string, any> {
  const s = lintCleanMiniInput();
  s.facts.push({ id: 'ceo_called', description: 'The CEO has called.', initial: false });
  s.messages.push({ id: 'exec_ask', channel: 'support', from: 'sue', text: 'The execs want a summary.' });
  s.evidence.push({ id: 'memo', kind: 'note', title: 'CEO memo', body: ['Fix it by five.'] });
  s.triggers = [{ id: 'pressure', when: { fact: 'ceo_called' }, effects: [{ add: 'pings', amount: 1 }] }];
  s.actions.push({
    id: 'brief_ceo',
    label: 'Brief the CEO',
    category: 'communicate',
    duration: 30,
    visible: { fact: 'ceo_called' },
    outcomes: [{ text: 'Briefed.', verdict: 'success' }],
  });
  s.team = {
    injects: injects
      ? [
          {
            id: 'ceo',
            label: 'The CEO calls',
            from: 'sue',
            channel: 'support',
            text: 'The CEO is on the line.',
            effects: [{ set: 'ceo_called', to: true }, { send: 'exec_ask' }, { reveal: 'memo' }],
          },
        ]
      : [],
  };
  return s;
}

function lint(scenario: Record<string, any>): string[] {
  const result = loadScenario(JSON.stringify(scenario, null, 2), 'injects.json');
  if (!result.ok) throw new Error(result.diagnostics.map((d: Diagnostic) => `${d.code} ${d.message}`).join('; '));
  return result.diagnostics.map((d) => `${d.code} ${d.pointer}`);
}

describe('the lint and injects', () => {
  it('warns about facts, messages and evidence nothing touches when there are no injects', () => {
    const warnings = lint(withInjectOnlyParts(false));
    expect(warnings).toContain('FD402 /triggers/0/when/fact');
    expect(warnings).toContain('FD403 /actions/8/visible/fact');
    expect(warnings).toContain('FD412 /messages/3/id');
    expect(warnings).toContain('FD412 /evidence/2/id');
  });

  it('stays quiet when an inject sets the fact, sends the message and reveals the evidence', () => {
    expect(lint(withInjectOnlyParts(true))).toEqual([]);
  });

  it("still checks an inject's effects like any other: a value of the wrong type is reported at the inject", () => {
    const s = withInjectOnlyParts(true);
    s.team.injects[0].effects[0] = { set: 'ceo_called', to: 'yes' };
    expect(lint(s)).toContain('FD400 /team/injects/0/effects/0/to');
  });
});
