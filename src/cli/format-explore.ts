/** The explorer's report as text for the terminal. */
import { wallClock } from '../engine';
import type { Scenario } from '../format';
import { CLEAR_MARGIN, type ExploreReport, type ExploreScript, type RunSummary } from '../authoring/explore';

const count = (n: number) => n.toLocaleString('en-US');
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function ending(scenario: Scenario, run: RunSummary): string {
  if (!run.ending) return 'no ending';
  return `"${run.ending.title}" (${run.ending.kind}) at ${wallClock(scenario.clock, run.ending.at)}`;
}

function result(scenario: Scenario, run: RunSummary): string {
  return `${ending(scenario, run)}, ${run.score}/100 (${run.grade}), ${run.inputs} input${run.inputs === 1 ? '' : 's'}`;
}

/** The most steps printed for one run; --json has them all. */
const SHOWN_STEPS = 15;
/** The most steps printed for a run a finding is about, which an author will want to read through. */
const SHOWN_FINDING_STEPS = 60;

/** A script's steps, one per line, as a mentor would read them. */
function steps(script: ExploreScript, indent: string, shown = SHOWN_STEPS): string[] {
  const lines = script.steps.slice(0, shown).map((s) => {
    let what = '';
    if (s.do !== undefined) what = `do ${s.do}`;
    else if (s.reply !== undefined) what = `reply ${s.reply}: ${s.choice}`;
    else if (s.post !== undefined) what = `post #${s.post}: ${oneLine(s.text ?? '')}`;
    else if (s.note !== undefined) what = `note (${s.kind ?? 'note'}): ${oneLine(s.note)}`;
    return `${indent}${String(s.at).padEnd(8)}  ${what}`;
  });
  const more = script.steps.length - shown;
  if (more > 0) lines.push(`${indent}… ${more} more step${more === 1 ? '' : 's'} (see --json)`);
  return lines;
}

/** Text a player wrote, on one line: its line breaks shown as " / ". */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' / ');

const dimensions = (run: RunSummary) =>
  run.dimensions
    ? Object.entries(run.dimensions)
        .map(([d, n]) => `${d} ${n}`)
        .join(', ')
    : '';

export function formatExplore(scenario: Scenario, report: ExploreReport, elapsedMs: number): string {
  const lines: string[] = [];
  const { search } = report;
  lines.push(
    `Exploring "${report.scenario.title}" (${report.scenario.id} v${report.scenario.version}), seed ${report.seed}, budget ${count(report.budget)} states`,
  );
  lines.push(
    `Searched ${count(search.states)} states (${count(search.expanded)} expanded, ${count(search.duplicates)} duplicates folded), ${search.rollouts} rollouts, ` +
      `${search.checked} dead-end checks, ${count(search.engineSteps)} engine steps in ${(elapsedMs / 1000).toFixed(2)} s`,
  );
  lines.push('');

  const witness = report.resolved.witness;
  if (witness) {
    lines.push(
      `${mark(true)} The resolved ending is reachable: ${result(scenario, witness)}; found by ${witness.source}. To replay it, save the script from --json:`,
    );
    lines.push(...steps(witness.script, '    '));
  } else {
    lines.push(`${mark(false)} No run reached the resolved ending.`);
  }

  const expert = report.expertPath;
  if (expert.answered && expert.asWritten) {
    lines.push(
      `${mark(expert.ok)} Expert path (${expert.steps} steps, each question answered with its best reply): ${result(scenario, expert.answered)}. ` +
        `As written, without replies: ${expert.asWritten.score}/100 (${expert.asWritten.grade}).`,
    );
  } else {
    lines.push(`${mark(false)} The scenario has no expert path.`);
  }

  lines.push('');
  if (report.deadEnds.length === 0) lines.push('No dead ends found: every harmful move checked still left a way to the resolved ending.');
  else lines.push(`Dead ends (${report.deadEnds.length}): states from which no resolved ending was found`);
  report.deadEnds.forEach((d, i) => {
    const where = d.ending ? `→ "${d.ending.title}" (${d.ending.kind}) at ${wallClock(scenario.clock, d.ending.at)}` : '→ no ending';
    lines.push(
      `  ${i + 1}. ${d.cause}, at ${wallClock(scenario.clock, d.at)}, after ${d.inputs} input${d.inputs === 1 ? '' : 's'} ${where}`,
    );
    lines.push(...steps(d.script, '       '));
  });

  lines.push('');
  const { best, worst } = report.scores;
  if (best && worst) {
    lines.push(
      `Scores over ${count(report.scores.runs)} complete runs: best ${best.score}/100 (${best.grade}, ${best.source}, ${ending(scenario, best)}), worst ${worst.score}/100 (${worst.grade}, ${worst.source}, ${ending(scenario, worst)})`,
    );
    lines.push(
      `  endings: ${Object.entries(report.scores.endings)
        .map(([id, n]) => `${id} ${n}`)
        .join(', ')}`,
    );
  }

  const { methodical, frantic, margin, clear, scripts } = report.policies;
  lines.push(
    `${mark(clear)} Method vs panic: methodical ${methodical.score}/100 (${methodical.grade}, ${methodical.ending?.id ?? 'no ending'}), frantic ${frantic.score}/100 (${frantic.grade}, ${frantic.ending?.id ?? 'no ending'}): margin ${margin} (${CLEAR_MARGIN} or more expected)`,
  );
  for (const s of scripts) {
    const unmet = s.unmet.length > 0 ? `  [${s.unmet.length} unmet]` : '';
    lines.push(`    script ${s.name}: ${s.score}/100 (${s.grade}, ${s.ending?.id ?? 'no ending'})${unmet}`);
  }

  const { maximiser, frantic: patterns } = report;
  lines.push('');
  const top = maximiser.best;
  if (top && maximiser.expert !== null) {
    lines.push(
      `${mark(!maximiser.beaten)} Highest score found (${count(maximiser.evaluations)} runs by the greedy player and the climbs): ${top.score}/100 (${top.grade}, ${top.source}), ` +
        (maximiser.beaten
          ? `above the expert path's ${maximiser.expert}/100. To replay it, save the script from --json:`
          : `not above the expert path's ${maximiser.expert}/100.`),
    );
    if (maximiser.beaten) {
      lines.push(`    ${result(scenario, top)}; ${dimensions(top)}`);
      if (report.expertPath.answered) lines.push(`    expert path: ${dimensions(report.expertPath.answered)}`);
      lines.push(...steps(top.script, '    ', SHOWN_FINDING_STEPS));
    }
  } else if (top) {
    lines.push(
      `Highest score found (${count(maximiser.evaluations)} runs by the greedy player and the climbs): ${top.score}/100 (${top.grade}, ${top.source}); no expert path to compare it with.`,
    );
  }
  const above = patterns.patterns.filter((p) => p.aboveC);
  lines.push(
    above.length === 0
      ? `${mark(true)} Frantic play (checked in ${count(patterns.checked)} complete runs): no run with a frantic pattern grades above C.`
      : `${mark(false)} Frantic play (checked in ${count(patterns.checked)} complete runs): ${above.length} frantic pattern${above.length === 1 ? '' : 's'} grade${above.length === 1 ? 's' : ''} above C.`,
  );
  for (const p of patterns.patterns) {
    const b = p.best;
    if (!b) {
      lines.push(`    ${p.label}: no run found`);
      continue;
    }
    lines.push(
      `  ${mark(!p.aboveC)} ${p.label}: best ${b.score}/100 (${b.grade}, ${b.source}), from ${wallClock(scenario.clock, b.at)}${b.action ? ` (${b.action})` : ''}`,
    );
    if (p.aboveC) {
      lines.push(`      ${result(scenario, b)}; ${dimensions(b)}`);
      lines.push(...steps(b.script, '      ', SHOWN_FINDING_STEPS));
    }
  }

  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const f of report.findings) if (f.severity === 'warning') lines.push(`  - ${f.message} [${f.code}]`);
  }
  lines.push('');
  if (report.ok)
    lines.push(
      `OK: the resolved ending is reachable, the expert path earns an A and nothing outscores it, method beats panic by ${margin} points and no frantic run grades above C.`,
    );
  else {
    lines.push('NOT OK:');
    for (const f of report.findings) if (f.severity === 'error') lines.push(`  - ${f.message} [${f.code}]`);
  }
  return lines.join('\n');
}
