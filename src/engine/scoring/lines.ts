/**
 * The debrief's lines, tidied: whole points, one line per action's penalties (its parts kept), and
 * repeated identical lines folded into one that says how many times and when.
 */
import type { ReasonPart, ScoreReason, ScoringContext } from './types';

export function tidy(ctx: Pick<ScoringContext, 'clock'>, reasons: ScoreReason[]): ScoreReason[] {
  return fold(ctx, merge(rounded(reasons)));
}

/**
 * Whole points, rounded so that each dimension's lines add up to its exact sum rounded (the largest
 * remainders round up): scaled credit never adds up to 101. A line with parts is the sum of its parts.
 */
function rounded(reasons: ScoreReason[]): ScoreReason[] {
  const out = reasons.map((r) => {
    if (!r.parts) return { ...r };
    const parts = r.parts.map((p) => ({ ...p, points: Math.round(p.points) }));
    return { ...r, parts, points: parts.reduce((sum, p) => sum + p.points, 0) };
  });
  const dimensions = new Set(out.map((r) => r.dimension));
  for (const d of dimensions) {
    const mine = out.filter((r) => r.dimension === d && !r.parts);
    const exact = mine.reduce((sum, r) => sum + r.points, 0);
    const floors = mine.map((r) => Math.floor(r.points + 1e-9));
    let short = Math.round(exact) - floors.reduce((sum, p) => sum + p, 0);
    const order = mine.map((r, i) => ({ i, rest: r.points - floors[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
    for (const { i } of order) {
      if (short <= 0) break;
      floors[i]! += 1;
      short--;
    }
    mine.forEach((r, i) => (r.points = floors[i]!));
  }
  return out;
}

/** Penalties for the same action at the same moment in one dimension become one line. */
function merge(reasons: ScoreReason[]): ScoreReason[] {
  const out: ScoreReason[] = [];
  const byAction = new Map<string, ScoreReason>();
  for (const r of reasons) {
    if (r.action === undefined || r.points >= 0) {
      out.push(r);
      continue;
    }
    const key = `${r.dimension} ${r.action} ${r.at}`;
    const line = byAction.get(key);
    if (!line) {
      const fresh = { ...r };
      byAction.set(key, fresh);
      out.push(fresh);
      continue;
    }
    const parts: ReasonPart[] = line.parts ?? [{ code: line.code, points: line.points, text: line.text }];
    parts.push({ code: r.code, points: r.points, text: r.text });
    const costliest = parts.reduce((a, b) => (b.points < a.points ? b : a));
    Object.assign(line, {
      code: costliest.code,
      points: parts.reduce((s, p) => s + p.points, 0),
      text: parts.map((p) => p.text).join(' '),
      parts,
    });
  }
  return out;
}

/** Lines that read the same are one line: "(3 times: 16:20, 16:31 and 16:40)". */
function fold({ clock }: Pick<ScoringContext, 'clock'>, reasons: ScoreReason[]): ScoreReason[] {
  const out: ScoreReason[] = [];
  const byText = new Map<string, { line: ScoreReason; times: number[]; each: number }>();
  for (const r of reasons) {
    const key = `${r.dimension} ${r.code} ${r.text}`;
    const seen = byText.get(key);
    if (!seen) {
      const line = { ...r };
      byText.set(key, { line, times: [r.at], each: r.points });
      out.push(line);
      continue;
    }
    seen.times.push(r.at);
    seen.line.points += r.points;
    const times = [...new Set(seen.times.map(clock))];
    const list = times.length === 1 ? `at ${times[0]}` : `: ${times.slice(0, -1).join(', ')} and ${times.at(-1)}`;
    seen.line.text = `${r.text.replace(/\.$/, '')} (${seen.times.length} times${list.startsWith(':') ? list : ` ${list}`}).`;
  }
  return out;
}
