import { beforeAll, describe, expect, it } from 'vitest';
import { postmortem } from '../../src/debrief';
import { cell, inline } from '../../src/debrief/markdown';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  isStatusUpdate,
  replay,
  runToEnd,
  score,
  wallClock,
  worldOf,
  type EngineState,
  type LogEntry,
  type RunOptions,
  type ScoreCard,
} from '../../src/engine';
import { loadShipped, scenariosDir, shippedScenarioFiles, shippedScriptLog } from './helpers/flagship';

const scenario = loadShipped('friday-deploy.json');
const SECTIONS = [
  '## Summary',
  '## Impact',
  '## Timeline',
  '## What went well',
  '## What did not go well',
  '## Contributing factors',
  '## Action items',
  '## Lessons',
  '## Coaching for the player',
];

function logOf(script: string): { log: LogEntry[]; options: RunOptions } {
  return shippedScriptLog(scenario, `friday-deploy/${script}`);
}

function play(log: readonly LogEntry[], options: RunOptions): { state: EngineState; card: ScoreCard } {
  const played = replay(scenario, options, log);
  expect(played.refused).toEqual([]);
  const state = runToEnd(scenario, played.state);
  return { state, card: score(scenario, state) };
}

/** The body of a section, up to the next heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const next = text.indexOf('\n## ', start + heading.length);
  return text.slice(start + heading.length + 1, next === -1 ? undefined : next);
}

/** Table rows as cells, splitting on pipes that are not escaped. */
const cells = (row: string) =>
  row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
const timelineRows = (text: string) =>
  section(text, '## Timeline')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Time') && !line.startsWith('| ---'));

describe('the postmortem', () => {
  const clock = (t: number) => wallClock(scenario.clock, t);
  let methodical: { state: EngineState; card: ScoreCard; text: string };
  let frantic: { state: EngineState; card: ScoreCard; text: string };
  beforeAll(() => {
    const m = logOf('methodical.json');
    const f = logOf('frantic.json');
    const mRun = play(m.log, m.options);
    const fRun = play(f.log, f.options);
    methodical = { ...mRun, text: postmortem(scenario, mRun.state, mRun.card, [{ text: 'Add backoff to the invoice-worker retries.' }]) };
    frantic = {
      ...fRun,
      text: postmortem(scenario, fRun.state, fRun.card, [{ text: 'Verify before declaring resolved.' }, { text: 'Post status updates.' }]),
    };
  });

  it('has a title and every section, in order', () => {
    const first = methodical.text.split('\n')[0];
    expect(first).toBe(
      `# Postmortem: ${scenario.title} (Friday 15:55–${wallClock(scenario.clock, methodical.state.ending!.at, false)}, game time)`,
    );
    const positions = SECTIONS.map((s) => methodical.text.indexOf(`\n${s}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(methodical.text.endsWith('\n')).toBe(true);
  });

  it('summarises the ending, grade, total, duration and milestones', () => {
    const summary = section(methodical.text, '## Summary');
    const ending = scenario.endings.find((e) => e.id === 'resolved')!;
    expect(summary).toContain(
      `- **Ending:** ${ending.title} (resolved) at ${wallClock(scenario.clock, methodical.state.ending!.at, false)}`,
    );
    expect(summary).toContain(`- **Score:** ${methodical.card.total}/100, grade ${methodical.card.grade}`);
    expect(summary).toMatch(/- \*\*Duration:\*\* 1 h \d\d min of game time/);
    const m = methodical.state.milestones;
    expect(summary).toContain(`Users were first affected at ${wallClock(scenario.clock, m.impact!, false)}.`);
    expect(summary).toContain(`The impact was contained at ${wallClock(scenario.clock, m.stabilised!, false)}`);
    expect(summary).toContain(
      `The cause was fixed at ${wallClock(scenario.clock, m.fixed!, false)} and the recovery verified at ${wallClock(scenario.clock, m.verified!, false)}.`,
    );
    expect(section(frantic.text, '## Summary')).toContain('The impact was never contained.');
    expect(section(frantic.text, '## Summary')).toMatch(/declared over too early twice \(\d\d:\d\d and \d\d:\d\d\) and relapsed/);
  });

  it('gives the impact intervals in wall-clock time and their total in minutes', () => {
    const impact = section(methodical.text, '## Impact');
    const seconds = methodical.state.impact.reduce((sum, i) => sum + ((i.to ?? methodical.state.time) - i.from), 0);
    expect(methodical.state.impact.length).toBeGreaterThan(0);
    for (const { from, to } of methodical.state.impact) {
      expect(impact).toContain(`- ${wallClock(scenario.clock, from, false)}–${wallClock(scenario.clock, to!, false)}`);
    }
    expect(impact).toContain(`**Total:** ${Math.round(seconds / 60)} minutes of user impact.`);
    expect(section(frantic.text, '## Impact')).toMatch(/still affected when the run ended/);
  });

  it('lays out the timeline as a three-column table in time order', () => {
    const rows = timelineRows(methodical.text);
    expect(section(methodical.text, '## Timeline')).toContain('| Time | Who | What |\n| --- | --- | --- |');
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) expect(cells(row), row).toHaveLength(3);
    const times = rows.map((r) => cells(r)[0]!);
    expect([...times].sort()).toEqual(times);
    // The player's actions with verdicts, the deploy, a status update, a milestone, scoring and the ending.
    expect(rows).toContainEqual(expect.stringMatching(/\| You \| Pause the invoice-worker's queue consumer \(success\): /));
    expect(rows).toContainEqual(expect.stringMatching(/\| 16:00:00 \| .+ \| Deploy shipped: #482 orders/));
    expect(rows).toContainEqual(expect.stringMatching(/\| You \| Status update in #incident-orders: “Heads-up/));
    expect(rows).toContainEqual(expect.stringMatching(/\| Incident \| Milestone: Impact contained \|/));
    expect(rows).toContainEqual(expect.stringMatching(/\| Score \| \+28 diagnose: Checked what changed before changing anything\. \|/));
    const ending = rows.find((r) => r.includes('Ended: '))!;
    expect(cells(ending)[0]).toBe(clock(methodical.state.ending!.at));
    // Starting points are arithmetic, not events.
    expect(methodical.text).not.toContain('Starting point for');
  });

  it("shows the frantic run's premature all-clear, its relapse and its penalty at the time they happened", () => {
    const rows = timelineRows(frantic.text);
    const premature = frantic.state.declarations.filter((d) => !d.accepted);
    expect(premature).toHaveLength(2);
    premature.forEach((d, i) => {
      const at = clock(d.at);
      const here = rows.filter((r) => cells(r)[0] === at);
      expect(here, at).toContainEqual(expect.stringMatching(/\| You \| Declare the incident resolved \((harmful|failure|neutral)\): /));
      expect(here, at).toContainEqual(
        `| ${at} | You | Relapse: declared resolved, but not yet fixed and verified; the incident goes on. |`,
      );
      expect(here, at).toContainEqual(
        expect.stringMatching(
          /\| Score \| -[46]0 verify: Declared resolved( again \(second time\))? at \d\d:\d\d before it was fixed and verified; it relapsed\. \|/,
        ),
      );
      // The declaration, then what it caused, then what it cost.
      // Each false all-clear costs more than the one before: 40, then 60.
      const order = ['Declare the incident resolved', 'Relapse:', `-${40 + 20 * i} verify`].map((s) =>
        here.findIndex((r) => r.includes(s)),
      );
      expect(order).not.toContain(-1);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });
    expect(rows).toContainEqual(expect.stringMatching(/\| Incident \| Ended: Meltdown \(failed\) \|/));
  });

  it('sorts reasons into what went well and what did not', () => {
    const well = section(methodical.text, '## What went well');
    expect(well).toMatch(/- \*\*\+28\*\* diagnose, 15:56: Checked what changed before changing anything\./);
    expect(well).not.toMatch(/\*\*-/);
    const notWell = section(frantic.text, '## What did not go well');
    expect(notWell).toMatch(/- \*\*-40\*\* verify, \d\d:\d\d: Declared resolved/);
    expect(notWell).toContain('The cause was never fixed.');
    expect(notWell).not.toMatch(/\*\*\+/);
    expect(section(methodical.text, '## What did not go well')).not.toContain('score.cap');
  });

  it('names the change behind the incident and the key evidence seen and missed', () => {
    const factors = section(methodical.text, '## Contributing factors');
    const deploy = scenario.deploys.find((d) => d.id === 'deploy-482')!;
    expect(factors).toContain(`- **Change:** ${inline(deploy.title)}`);
    expect(factors).toContain('shipped at 16:00');
    expect(factors).toContain(inline(deploy.summary));
    expect(factors).not.toContain('#479');
    for (const e of scenario.evidence.filter((x) => x.relevant)) {
      expect(factors, e.id).toContain(`- **Evidence looked at:** ${inline(e.title)} (`);
    }
    expect(section(frantic.text, '## Contributing factors')).toContain('- **Key evidence never looked at:** ');
  });

  it("lists the scenario's fixes to the system as action items, the coaching apart, and the lessons", () => {
    const items = scenario.postmortem!.actionItems;
    expect(items.length).toBeGreaterThanOrEqual(3);
    const expected = items.map((a) => `- [ ] ${inline(a.text)}${a.owner ? ` (owner: ${inline(a.owner)})` : ''}`).join('\n');
    // The same action items whatever the run: they are about the system, not the player.
    expect(section(frantic.text, '## Action items').trim()).toBe(expected);
    expect(section(methodical.text, '## Action items').trim()).toBe(expected);
    expect(section(frantic.text, '## Action items')).toContain('backoff');
    // The game's coaching is never an action item; it has its own section, labelled as coaching.
    const coaching = section(frantic.text, '## Coaching for the player');
    expect(coaching).toContain('not action items for the system');
    expect(coaching).toContain('- Verify before declaring resolved.\n- Post status updates.');
    expect(section(frantic.text, '## Action items')).not.toContain('Verify before declaring resolved.');
    const without = { ...scenario, postmortem: undefined };
    expect(postmortem(without, frantic.state, frantic.card, [])).toContain(
      '## Action items\n\nThe scenario lists no fixes to the system; add your team’s own.',
    );
    const lessons = section(methodical.text, '## Lessons');
    for (const lesson of scenario.lessons) expect(lessons).toContain(`- ${inline(lesson.text)}`);
  });

  it("is plain Markdown: a shipped scenario's text reads as written, with no HTML entity", () => {
    for (const text of [methodical.text, frantic.text]) {
      expect(text).not.toMatch(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/i);
      expect(text).toContain('orders-api v2.13 -> v2.14');
    }
  });

  it('counts status updates truly: no reason claims more updates than were given by its time, or while users were affected', () => {
    for (const file of shippedScenarioFiles()) {
      const sc = loadShipped(file);
      const world = worldOf(sc);
      for (const script of readdirSync(join(scenariosDir, 'scripts', sc.id))) {
        const { log, options } = shippedScriptLog(sc, `${sc.id}/${script}`);
        const state = runToEnd(sc, replay(sc, options, log).state);
        const card = score(sc, state);
        const given = state.timeline.filter((e) => isStatusUpdate(world, e));
        const text = postmortem(sc, state, card, []);
        for (const r of card.reasons) {
          const claim = /^Gave (\d+) status updates? while users were affected/.exec(r.text);
          if (!claim) continue;
          const n = Number(claim[1]);
          const where = `${sc.id}/${script}: ${r.text}`;
          // By the time the reason is pinned, the updates it counts have happened…
          expect(given.filter((e) => e.at <= r.at).length, where).toBeGreaterThanOrEqual(n);
          // …and that many fell while users were affected.
          const affected = given.filter((e) => state.impact.some((s) => s.from <= e.at && (s.to === null || e.at < s.to)));
          expect(affected.length, where).toBe(n);
          expect(text, where).toContain(r.text.split(' (')[0]!);
        }
      }
    }
  });

  it('says "Gave 1 status update" after one status update (the run behind issue 13)', () => {
    const { log, options } = logOf('guesser.json');
    const run = play(log, options);
    const r = run.card.reasons.find((x) => x.code === 'communicate.updates')!;
    expect(r.text).toMatch(/^Gave 1 status update while users were affected for 21 min and 1 more within 15 min after it ended/);
  });

  it('is the same text for the same run', () => {
    const again = postmortem(scenario, structuredClone(methodical.state), structuredClone(methodical.card), [
      { text: 'Add backoff to the invoice-worker retries.' },
    ]);
    expect(again).toBe(methodical.text);
  });

  it('keeps hostile player and scenario text inert', () => {
    const { log, options } = logOf('frantic.json');
    const hostile = '| <script>alert(1)</script>';
    const at = log[0]!.at - 60;
    const withNotes: LogEntry[] = [
      { at, input: { type: 'note', text: hostile } },
      {
        at,
        input: {
          type: 'note',
          text: 'two\nlines | and [a link](javascript:alert(1)) & ![img](x) `code` **bold** <img src=x onerror=alert(1)>',
        },
      },
      { at, input: { type: 'post', channel: 'incident-orders', text: '# Heading?\n- list?\n<b>bold</b>' } },
      ...log,
    ];
    const run = play(withNotes, options);
    const evil = { ...scenario, title: 'Evil <iframe src=x> | title', lessons: [{ id: 'x', text: '- <svg onload=alert(1)>' }] };
    const text = postmortem(evil, run.state, run.card, [{ text: '<script>steal()</script>\n# not a heading' }]);

    // A tag opens only from an unescaped `<`; no HTML entity stands in for text either.
    expect(text).not.toMatch(/(?<!\\)<(script|img|iframe|svg|b)\b/i);
    expect(text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    expect(text).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(text).toContain('\\<script>alert(1)\\</script>');

    const rows = timelineRows(text);
    const noteRow = rows.find((r) => r.includes('alert(1)\\</script>'))!;
    expect(noteRow).toBe(`| ${clock(at)} | You | Note: \\| \\<script>alert(1)\\</script> |`);
    expect(cells(noteRow)).toHaveLength(3);
    const twoLines = rows.find((r) => r.includes('two'))!;
    expect(cells(twoLines)).toHaveLength(3);
    expect(twoLines).toContain(
      'two<br>lines \\| and \\[a link\\](javascript:alert(1)) & !\\[img\\](x) \\`code\\` \\*\\*bold\\*\\* \\<img src=x onerror=alert(1)>',
    );
    const postRow = rows.find((r) => r.includes('Heading?'))!;
    expect(postRow).toContain('“# Heading?<br>- list?<br>\\<b>bold\\</b>”');
    // Every table line is one line with exactly three cells, whatever was written.
    for (const row of rows) expect(cells(row), row).toHaveLength(3);

    const end = wallClock(scenario.clock, run.state.ending!.at, false);
    expect(text.split('\n')[0]).toBe(`# Postmortem: Evil \\<iframe src=x> \\| title (Friday 15:55–${end}, game time)`);
    expect(text).toContain('- \\<script>steal()\\</script> # not a heading');
    expect(text).toContain('- \\- \\<svg onload=alert(1)>');
  });
});

describe('markdown escaping', () => {
  it('escapes markup and HTML but keeps ordinary text readable', () => {
    expect(inline('rollback_api and price_cents')).toBe('rollback_api and price_cents');
    expect(inline('_emphasis_ *strong* ~~gone~~')).toBe('\\_emphasis\\_ \\*strong\\* \\~\\~gone\\~\\~');
    // Plain Markdown: no HTML entities, so `->` and `&` read as written in any tracker.
    expect(inline('a & b < c > d')).toBe('a & b < c > d');
    expect(inline('orders-api v2.13 -> v2.14, price -> price_cents')).toBe('orders-api v2.13 -> v2.14, price -> price_cents');
    // Only what HTML would read is defused, with a backslash: a tag, an autolink, an entity.
    expect(inline('<b>x</b> <https://x> &amp; &#62; &x')).toBe('\\<b>x\\</b> \\<https://x> \\&amp; \\&#62; &x');
    expect(inline('back\\slash')).toBe('back\\\\slash');
  });

  it('defuses what would start a block', () => {
    expect(inline('# heading')).toBe('\\# heading');
    expect(inline('- item')).toBe('\\- item');
    expect(inline('+ item')).toBe('\\+ item');
    expect(inline('> quote')).toBe('\\> quote');
    expect(inline('12. item')).toBe('12\\. item');
    expect(inline('3) item')).toBe('3\\) item');
    expect(inline('    code')).toBe('code');
    expect(inline('a\n# b\r\nc')).toBe('a # b c');
    expect(inline('x\u2028y\u0000z')).toBe('x y z');
  });

  it('keeps a table cell on one line with its pipes escaped', () => {
    expect(cell('a | b\nc\\|d')).toBe('a \\| b<br>c\\\\\\|d');
    expect(cells(`| ${cell('a | b\nc\\|d')} | x |`)).toHaveLength(2);
  });
});
