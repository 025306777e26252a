/** The explorer's report as text for the terminal. */
import { wallClock } from '../engine';
import type { Scenario } from '../scenario';
import { CLEAR_MARGIN, type ExploreReport, type ExploreScript, type RunSummary } from '../scenario/explore';

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

/** A script's steps, one per line, as a mentor would read them. */
function steps(script: ExploreScript, indent: string): string[] {
  const lines = script.steps.slice(0, SHOWN_STEPS).map((s) => {
    let what = '';
    if (s.do !== undefined) what = `do ${s.do}`;
    else if (s.reply !== undefined) what = `reply ${s.reply}: ${s.choice}`;
    else if (s.post !== undefined) what = `post #${s.post}: ${s.text}`;
    else if (s.note !== undefined) what = `note (${s.kind ?? 'note'}): ${s.note}`;
    return `${indent}${String(s.at).padEnd(8)}  ${what}`;
  });
  const more = script.steps.length - SHOWN_STEPS;
  if (more > 0) lines.push(`${indent}… ${more} more step${more === 1 ? '' : 's'} (see --json)`);
  return lines;
}

export function formatExplore(scenario: Scenario, report: ExploreReport, elapsedMs: number): string {
  const lines: string[] = [];
  const { search } = report;
  lines.push(`Exploring "${report.scenario.title}" (${report.scenario.id} v${report.scenario.version}), seed ${report.seed}, budget ${count(report.budget)} states`);
  lines.push(
    `Searched ${count(search.states)} states (${count(search.expanded)} expanded, ${count(search.duplicates)} duplicates folded), ${search.rollouts} rollouts, ` +
      `${search.checked} dead-end checks, ${count(search.engineSteps)} engine steps in ${(elapsedMs / 1000).toFixed(2)} s`,
  );
  lines.push('');

  const witness = report.resolved.witness;
  if (witness) {
    lines.push(`${mark(true)} The resolved ending is reachable: ${result(scenario, witness)}; found by ${witness.source}. To replay it, save the script from --json:`);
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
    lines.push(`  ${i + 1}. ${d.cause}, at ${wallClock(scenario.clock, d.at)}, after ${d.inputs} input${d.inputs === 1 ? '' : 's'} ${where}`);
    lines.push(...steps(d.script, '       '));
  });

  lines.push('');
  const { best, worst } = report.scores;
  if (best && worst) {
    lines.push(`Scores over ${count(report.scores.runs)} complete runs: best ${best.score}/100 (${best.grade}, ${best.source}, ${ending(scenario, best)}), worst ${worst.score}/100 (${worst.grade}, ${worst.source}, ${ending(scenario, worst)})`);
    lines.push(`  endings: ${Object.entries(report.scores.endings).map(([id, n]) => `${id} ${n}`).join(', ')}`);
  }

  const { methodical, frantic, margin, clear, scripts } = report.policies;
  lines.push(`${mark(clear)} Method vs panic: methodical ${methodical.score}/100 (${methodical.grade}, ${methodical.ending?.id ?? 'no ending'}), frantic ${frantic.score}/100 (${frantic.grade}, ${frantic.ending?.id ?? 'no ending'}): margin ${margin} (${CLEAR_MARGIN} or more expected)`);
  for (const s of scripts) {
    const unmet = s.unmet.length > 0 ? `  [${s.unmet.length} unmet]` : '';
    lines.push(`    script ${s.name}: ${s.score}/100 (${s.grade}, ${s.ending?.id ?? 'no ending'})${unmet}`);
  }

  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of report.warnings) lines.push(`  - ${w}`);
  }
  lines.push('');
  if (report.ok) lines.push(`OK: the resolved ending is reachable, the expert path earns an A and method beats panic by ${margin} points.`);
  else {
    lines.push('NOT OK:');
    for (const p of report.problems) lines.push(`  - ${p}`);
  }
  return lines.join('\n');
}
