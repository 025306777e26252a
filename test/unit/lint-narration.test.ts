/**
 * FD414, an ending that claims what it does not check: for each way a title or text can name an
 * action or a fact, a scenario where the lint fires, positioned at the offending string, and a close
 * one where it stays quiet. Like lint.test.ts, it edits the mini scenario that lints clean.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/authoring';
import type { Diagnostic } from '../../src/format';
import { stem } from '../../src/authoring/lint-narration';
import { loadShipped, shippedScenarioFiles } from './helpers/flagship';
import { lintCleanMiniInput } from './helpers/mini-scenario';

type Edit = (s: Record<string, any>) => void;

function lint(edit: Edit = () => {}): { diagnostics: Diagnostic[]; text: string } {
  const s = lintCleanMiniInput();
  edit(s);
  const text = JSON.stringify(s, null, 2);
  const result = loadScenario(text, 'narration.json');
  if (!result.ok)
    throw new Error(`expected the edited scenario to load: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return { diagnostics: result.diagnostics, text };
}

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.pointer}`);

function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const won = (s: Record<string, any>) => s.endings[0];
const lost = (s: Record<string, any>) => s.endings[1];
const late = (s: Record<string, any>) => s.endings[2];

describe('FD414 ending claims what it does not check', () => {
  it('fires on a resolved ending that names an action "fixed" and "verified" never test, at its text', () => {
    const { diagnostics, text } = lint((s) => (won(s).text = 'You restarted the api, then fixed the cache key. Well done.'));
    expect(summary(diagnostics)).toEqual(['FD414 /endings/0/text']);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', ...positionOf(text, '"You restarted the api') });
    expect(diagnostics[0]!.message).toBe(
      'Ending "won"\'s text names action "restart" ("Restart the api") in "You restarted the api, then fixed the cache key.", but it is told whenever "fixed" and "verified" hold as the player declares, and none of that tests it.',
    );
  });

  it('stays quiet when the claim moves into a variant whose "when" tests it', () => {
    const { diagnostics } = lint((s) => {
      won(s).variants = [{ when: { did: 'restart' }, text: 'You restarted the api, which changed nothing, then fixed the cache key.' }];
    });
    expect(diagnostics).toEqual([]);
  });

  it('fires on a variant that names what neither the ending nor its own "when" tests, at the variant', () => {
    const { diagnostics } = lint((s) => {
      won(s).variants = [
        { when: { did: 'restart' }, title: 'Resolved, eventually', text: 'You restarted the api and turned the flag off.' },
      ];
    });
    expect(summary(diagnostics)).toEqual(['FD414 /endings/0/variants/0/text']);
    // One warning for the sentence, naming everything in it that is not checked: the action and the fact it sets.
    expect(diagnostics[0]!.message).toContain('names action "flag_off" ("Turn the flag off") and fact "flag_off"');
    expect(diagnostics[0]!.message).toContain('"fixed", "verified" and its "when" hold');
  });

  it('checks titles too', () => {
    const { diagnostics } = lint((s) => (late(s).title = 'Restarted the api, ran out of time'));
    expect(summary(diagnostics)).toEqual(['FD414 /endings/2/title']);
  });

  it("lets the ending's own text rely on what a single-test variant before it tested, but not on a compound one", () => {
    const single = lint((s) => {
      won(s).variants = [{ when: { did: 'restart' }, text: 'Restarting changed nothing; the fix did it.' }];
      won(s).text = 'You never restarted the api, and fixed the cache key.';
    });
    expect(single.diagnostics).toEqual([]);
    const compound = lint((s) => {
      won(s).variants = [
        { when: { all: [{ did: 'restart' }, { fact: 'pings', gte: 1 }] }, text: 'Restarting changed nothing; the fix did it.' },
      ];
      won(s).text = 'You never restarted the api, and fixed the cache key.';
    });
    expect(summary(compound.diagnostics)).toEqual(['FD414 /endings/0/text']);
  });

  it('reads a failed ending against its "when", milestones included', () => {
    const fires = lint((s) => (lost(s).text = 'The api stayed down, restart after restart of the api.'));
    expect(summary(fires.diagnostics)).toEqual(['FD414 /endings/1/text']);
    expect(fires.diagnostics[0]!.message).toContain('told whenever its "when" holds');
    const quiet = lint((s) => {
      lost(s).when = { all: [{ time: { gte: 1500 } }, { service: 'api', is: 'down' }, { did: 'restart' }] };
      lost(s).text = 'The api stayed down, restart after restart of the api.';
    });
    expect(quiet.diagnostics).toEqual([]);
    const throughMilestone = lint((s) => {
      s.incident.stabilised = { any: [{ fact: 'flag_off' }, { fact: 'fixed' }, { did: 'restart' }] };
      lost(s).when = { all: [{ time: { gte: 1500 } }, { not: { milestone: 'stabilised' } }] };
      lost(s).text = 'Nobody restarted the api.';
    });
    expect(throughMilestone.diagnostics).toEqual([]);
  });

  it('names a fact by every word of its id, and leaves out facts nothing changes', () => {
    const fact = lint((s) => (late(s).text = 'The clock ran out while the pings kept coming.'));
    expect(summary(fact.diagnostics)).toEqual(['FD414 /endings/2/text']);
    expect(fact.diagnostics[0]!.message).toContain('names fact "pings"');
    const constant = lint((s) => {
      s.facts.push({ id: 'weekend', description: 'It is the weekend.', initial: false });
      s.hints[0].when.all.push({ not: { fact: 'weekend' } });
      late(s).text = 'The clock ran out on a quiet weekend.';
    });
    expect(constant.diagnostics).toEqual([]);
  });

  it('accepts an action when the condition tests a fact only that action changes, and a fact when it tests an action that changes it', () => {
    // "fixed" is set by nothing but the fix action: a resolved ending may say the cache key was fixed.
    expect(lint((s) => (won(s).text = 'You fixed the cache key and checked the recovery.')).diagnostics).toEqual([]);
    // A variant on "did flag_off" may name the fact flag_off the action set.
    expect(
      lint((s) => (late(s).variants = [{ when: { did: 'flag_off' }, text: 'The flag is off, but the clock ran out.' }])).diagnostics,
    ).toEqual([]);
  });

  it('knows a resolved ending follows a declaration, which a timeout does not', () => {
    expect(lint((s) => (won(s).text = 'You declared it resolved once it was checked.')).diagnostics).toEqual([]);
    expect(summary(lint((s) => (late(s).text = 'Nobody declared it resolved.')).diagnostics)).toEqual(['FD414 /endings/2/text']);
  });

  it('leaves one-word labels and words it cannot tie to an action or fact alone', () => {
    const { diagnostics } = lint((s) => {
      s.actions.push({
        id: 'reprocess',
        label: 'Reprocess',
        category: 'remediate',
        duration: 30,
        outcomes: [{ text: 'Done.', verdict: 'neutral' }],
      });
      late(s).text = 'Nothing was reprocessed, and traffic came back in three steps.';
    });
    expect(diagnostics).toEqual([]);
  });

  it('compares words without their endings', () => {
    expect(['reprocessed', 'reprocess', 'reprocessing'].map(stem)).toEqual(['reprocess', 'reprocess', 'reprocess']);
    expect(['orders', 'order'].map(stem)).toEqual(['order', 'order']);
    expect(['retries', 'retry', 'verified', 'verify'].map(stem)).toEqual(['retry', 'retry', 'verify', 'verify']);
    expect(['shipped', 'ship', 'deleted', 'delete', 'paused', 'pause'].map(stem)).toEqual([
      'ship',
      'ship',
      'delet',
      'delet',
      'paus',
      'paus',
    ]);
  });
});

describe('ending variants in the rest of the check', () => {
  it('reports a variant whose "when" can never hold (FD402), at the value that makes it so', () => {
    const { diagnostics } = lint((s) => (won(s).variants = [{ when: { did: 'check', outcome: 'harmful' }, text: 'Checked, badly.' }]));
    expect(summary(diagnostics)).toEqual(['FD402 /endings/0/variants/0/when/outcome']);
    expect(diagnostics[0]!.message).toMatch(/^Variant 1 of ending "won" is never told: its "when" can never hold/);
  });

  it('reports an unknown id in a variant\'s "when" as an error (FD300)', () => {
    const s = lintCleanMiniInput();
    won(s).variants = [{ when: { fact: 'nope' }, text: 'Hm.' }];
    const result = loadScenario(JSON.stringify(s, null, 2), 'narration.json');
    expect(result.ok).toBe(false);
    expect(summary(result.diagnostics)).toEqual(['FD300 /endings/0/variants/0/when/fact']);
  });
});

describe('the shipped scenarios', () => {
  it.each(shippedScenarioFiles())('%s has no ending that claims what it does not check', (file) => {
    const scenario = loadShipped(file);
    const result = loadScenario(JSON.stringify(scenario), file);
    expect(result.diagnostics.filter((d) => d.code === 'FD414').map((d) => d.message)).toEqual([]);
  });

  it("would flag the flagship's old resolved ending, which claimed repairs the player may never have made", () => {
    const s = JSON.parse(JSON.stringify(loadShipped('friday-deploy.json'))) as Record<string, any>;
    const resolved = s.endings.find((e: { id: string }) => e.id === 'resolved');
    resolved.variants = [];
    resolved.text =
      "Checkout held, invoices flowed, the stuck orders were reprocessed and the double charges refunded, and you checked before you said so. Monday's postmortem has a clear timeline, and a new rule about Friday migrations.";
    const result = loadScenario(JSON.stringify(s, null, 2), 'friday-deploy.json');
    const fd414 = result.diagnostics.filter((d) => d.code === 'FD414');
    expect(fd414.map((d) => d.pointer)).toEqual(['/endings/0/text']);
    expect(fd414[0]!.message).toContain(
      'names action "reprocess_stuck" ("Reprocess stuck orders"), fact "orders_stuck" and fact "orders_reprocessed"',
    );
  });
});
