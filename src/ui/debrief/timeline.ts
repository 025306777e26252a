/**
 * The debrief's annotated timeline: game time left to right; behind it the key metric and the
 * stretches when users were affected; lanes for what the player did, the expert path as a ghost,
 * and every scoring reason pinned where it happened. SVG built node by node (scenario and player
 * text is untrusted), with roles and names so it reads as lists to assistive technology.
 */
import { shownEnding, type EngineState, type ScoreReason } from '../../engine';
import type { Metric, Scenario } from '../../format';
import { svg } from '../dom';
import { clockOf, VERDICT_WORD } from '../format';

const WIDTH = 1000;
const LEFT = 84;
const RIGHT = 16;
const PLOT = WIDTH - LEFT - RIGHT;
const METRIC = { top: 14, height: 70 };
const LANES = { you: 112, expert: 150, score: 196 };
const AXIS_Y = 232;
const HEIGHT = 256;

/** The metric the timeline draws behind the lanes: the first that went past its warning line, else the first. */
export function keyMetric(scenario: Scenario, state: EngineState): Metric | undefined {
  const alarmed = scenario.metrics.find(
    (m) => m.warnAbove !== undefined && (state.metrics[m.id]?.samples ?? []).some((v) => v > m.warnAbove!),
  );
  return alarmed ?? scenario.metrics[0];
}

/** Where the timeline's content ends: the run's end, or the expert's last step if that came later. */
function contentEnd(scenario: Scenario, state: EngineState): number {
  const end = state.ending?.at ?? state.time;
  const expertEnd = Math.max(0, ...scenario.expertPath.map((s) => s.at));
  return Math.max(600, end, expertEnd);
}

/** Axis steps of 5, 10, 15, 30 or 60 minutes, whichever gives at most about ten labels. */
function axisStep(span: number): number {
  return [300, 600, 900, 1800, 3600].find((step) => span / step <= 10) ?? 7200;
}

const actionLabel = (scenario: Scenario, id: string) => scenario.actions.find((a) => a.id === id)?.label ?? id;

/**
 * `names` (player id → "Name (Role)") makes it a team's timeline: the lane is the team's, and each
 * of its marks says who it was.
 */
export function timelineFigure(
  scenario: Scenario,
  state: EngineState,
  reasons: readonly ScoreReason[],
  names?: Readonly<Record<string, string>>,
): SVGSVGElement {
  const end = contentEnd(scenario, state);
  // A little room after the end, so the last pins are not cut in half.
  const span = end * 1.02;
  const x = (t: number) => LEFT + (Math.max(0, Math.min(span, t)) / span) * PLOT;
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'timeline-svg', role: 'group', 'aria-label': 'Timeline of the run' });

  // Impact bands and deploys first, so everything else draws over them.
  const background = svg('g', { 'aria-hidden': 'true' });
  for (const stretch of state.impact) {
    const to = stretch.to ?? state.ending?.at ?? state.time;
    background.append(
      svg('rect', {
        class: 'tl-impact',
        x: x(stretch.from),
        y: METRIC.top,
        width: Math.max(1, x(to) - x(stretch.from)),
        height: AXIS_Y - METRIC.top,
      }),
    );
  }
  for (const e of state.timeline) {
    if (e.kind !== 'deploy') continue;
    const deploy = scenario.deploys.find((d) => d.id === e.deploy);
    background.append(
      svg('line', { class: 'tl-deploy', x1: x(e.at), x2: x(e.at), y1: METRIC.top, y2: AXIS_Y }),
      svg('text', { class: 'tl-note', x: x(e.at) + 4, y: METRIC.top + 10 }, deploy?.title ?? e.deploy),
    );
  }
  root.append(background);

  const metric = keyMetric(scenario, state);
  if (metric) root.append(metricArea(scenario, state, metric, x));

  // Lane labels.
  const labels = svg('g', { class: 'tl-lane-label', 'aria-hidden': 'true' });
  labels.append(
    svg('text', { x: 8, y: LANES.you + 4 }, names ? 'Team' : 'You'),
    svg('text', { x: 8, y: LANES.expert + 4 }, 'Expert'),
    svg('text', { x: 8, y: LANES.score + 4 }, 'Score'),
  );
  for (const y of Object.values(LANES)) labels.append(svg('line', { class: 'tl-lane', x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y }));
  root.append(labels);

  root.append(
    playerLane(scenario, state, x, names),
    expertLane(scenario, x),
    reasonLane(scenario, state, reasons, x),
    axis(scenario, end, x),
  );
  return root;
}

function metricArea(scenario: Scenario, state: EngineState, metric: Metric, x: (t: number) => number): SVGGElement {
  const samples = state.metrics[metric.id]?.samples ?? [];
  const tick = scenario.clock.tickSeconds;
  const top = Math.max(metric.warnAbove ?? 0, ...samples, metric.baseline) || 1;
  const y = (v: number) => METRIC.top + METRIC.height - (Math.max(0, v) / top) * METRIC.height;
  const base = METRIC.top + METRIC.height;
  // A sample is taken at the end of each world tick.
  const points = samples.map((v, i) => `${x((i + 1) * tick).toFixed(1)},${y(v).toFixed(1)}`);
  const group = svg('g', { 'aria-hidden': 'true' });
  if (points.length > 1) {
    group.append(
      svg('polygon', {
        class: 'tl-metric',
        points: `${x(tick).toFixed(1)},${base} ${points.join(' ')} ${x(samples.length * tick).toFixed(1)},${base}`,
      }),
    );
    group.append(svg('polyline', { class: 'tl-metric-line', points: points.join(' ') }));
  }
  if (metric.warnAbove !== undefined)
    group.append(svg('line', { class: 'tl-warn', x1: LEFT, x2: WIDTH - RIGHT, y1: y(metric.warnAbove), y2: y(metric.warnAbove) }));
  group.append(
    svg('text', { class: 'tl-note', x: 8, y: METRIC.top + 10 }, metric.name),
    svg('text', { class: 'tl-note', x: 8, y: METRIC.top + 24 }, `max ${Math.round(top)} ${metric.unit}`),
  );
  return group;
}

function playerLane(
  scenario: Scenario,
  state: EngineState,
  x: (t: number) => number,
  names?: Readonly<Record<string, string>>,
): SVGGElement {
  const lane = svg('g', { role: 'list', 'aria-label': names ? 'What the team did' : 'What you did' });
  const y = LANES.you;
  const by = (player: string) => (names ? ` — ${names[player] ?? player}` : '');
  for (const d of state.done) {
    const label = actionLabel(scenario, d.action);
    const text = `${clockOf(scenario, d.startedAt)}–${clockOf(scenario, d.at)} ${label}: ${VERDICT_WORD[d.verdict]}${by(d.player)}`;
    lane.append(
      svg(
        'rect',
        {
          role: 'listitem',
          'aria-label': text,
          class: `tl-action verdict-${d.verdict}`,
          x: x(d.startedAt),
          y: y - 7,
          width: Math.max(4, x(d.at) - x(d.startedAt)),
          height: 14,
          rx: 3,
        },
        svg('title', {}, text),
      ),
    );
  }
  for (const e of state.timeline) {
    if (e.kind === 'post' || e.kind === 'note') {
      const what = e.kind === 'note' ? `Note: ${e.text}` : e.statusUpdate ? 'Status update' : 'Message';
      const text = `${clockOf(scenario, e.at)} ${what}${by(e.player)}`;
      lane.append(
        svg(
          'circle',
          { role: 'listitem', 'aria-label': text, class: e.kind === 'note' ? 'tl-note-dot' : 'tl-post', cx: x(e.at), cy: y - 14, r: 3.5 },
          svg('title', {}, text),
        ),
      );
    } else if (e.kind === 'relapse') {
      const text = `${clockOf(scenario, e.at)} Declared resolved too early: it relapsed`;
      lane.append(
        svg(
          'line',
          { role: 'listitem', 'aria-label': text, class: 'tl-relapse', x1: x(e.at), x2: x(e.at), y1: METRIC.top, y2: LANES.score + 12 },
          svg('title', {}, text),
        ),
      );
    } else if (e.kind === 'ending') {
      const text = `${clockOf(scenario, e.at)} Ended: ${shownEnding(scenario, state)?.title ?? e.ending}`;
      lane.append(
        svg(
          'line',
          {
            role: 'listitem',
            'aria-label': text,
            class: `tl-ending ending-${e.endingKind}`,
            x1: x(e.at),
            x2: x(e.at),
            y1: METRIC.top,
            y2: AXIS_Y,
          },
          svg('title', {}, text),
        ),
      );
    }
  }
  return lane;
}

function expertLane(scenario: Scenario, x: (t: number) => number): SVGGElement {
  const lane = svg('g', { role: 'list', 'aria-label': 'Expert path (ghost)', class: 'tl-ghost' });
  const y = LANES.expert;
  const steps = [...scenario.expertPath].sort((a, b) => a.at - b.at);
  if (steps.length > 1)
    lane.append(
      svg('polyline', { class: 'tl-ghost-line', 'aria-hidden': 'true', points: steps.map((s) => `${x(s.at).toFixed(1)},${y}`).join(' ') }),
    );
  for (const step of steps) {
    const text = `${clockOf(scenario, step.at)} ${actionLabel(scenario, step.action)}: ${step.why}`;
    lane.append(
      svg('circle', { role: 'listitem', 'aria-label': text, class: 'tl-ghost-step', cx: x(step.at), cy: y, r: 5 }, svg('title', {}, text)),
    );
  }
  return lane;
}

/** One pin per moment: the reasons about one attempt at an action, across dimensions, are one pin listing them. */
interface Pin {
  at: number;
  points: number;
  texts: string[];
  code: string;
}

function pinsOf(state: EngineState, reasons: readonly ScoreReason[]): Pin[] {
  const pins: Pin[] = [];
  const byAttempt = new Map<number, Pin>();
  for (const r of reasons) {
    if (r.points === 0) continue;
    const attempt = r.action === undefined ? -1 : state.done.findIndex((d) => d.action === r.action && d.startedAt <= r.at && r.at <= d.at);
    const same = attempt >= 0 ? byAttempt.get(attempt) : undefined;
    if (same) {
      same.points += r.points;
      same.texts.push(r.text);
      if (Math.abs(r.points) > Math.abs(same.points - r.points)) same.code = r.code;
      continue;
    }
    const pin = { at: attempt >= 0 ? state.done[attempt]!.startedAt : r.at, points: r.points, texts: [r.text], code: r.code };
    if (attempt >= 0) byAttempt.set(attempt, pin);
    pins.push(pin);
  }
  return pins;
}

function reasonLane(scenario: Scenario, state: EngineState, reasons: readonly ScoreReason[], x: (t: number) => number): SVGGElement {
  const lane = svg('g', { role: 'list', 'aria-label': 'Scoring reasons, pinned where they happened' });
  const y = LANES.score;
  // Pins at nearly the same moment stack upwards instead of hiding each other.
  const stacks = new Map<number, number>();
  for (const pin of pinsOf(state, reasons)) {
    const px = Math.round(x(pin.at) / 6);
    const level = stacks.get(px) ?? 0;
    stacks.set(px, level + 1);
    const cx = x(pin.at);
    const cy = y + 8 - level * 9;
    const up = pin.points > 0;
    const points = up ? `${cx - 5},${cy} ${cx + 5},${cy} ${cx},${cy - 8}` : `${cx - 5},${cy - 8} ${cx + 5},${cy - 8} ${cx},${cy}`;
    const text = `${clockOf(scenario, pin.at)} ${pin.points > 0 ? '+' : ''}${pin.points} ${pin.texts.join(' ')}`;
    lane.append(
      svg(
        'polygon',
        { role: 'listitem', 'aria-label': text, class: up ? 'tl-pin plus' : 'tl-pin minus', points, 'data-code': pin.code },
        svg('title', {}, text),
      ),
    );
  }
  return lane;
}

function axis(scenario: Scenario, end: number, x: (t: number) => number): SVGGElement {
  const group = svg('g', { class: 'tl-axis', 'aria-hidden': 'true' });
  group.append(svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: AXIS_Y, y2: AXIS_Y }));
  const step = axisStep(end);
  for (let t = 0; t <= end; t += step) {
    group.append(
      svg('line', { x1: x(t), x2: x(t), y1: AXIS_Y, y2: AXIS_Y + 4 }),
      svg('text', { x: x(t), y: AXIS_Y + 16, 'text-anchor': 'middle' }, clockOf(scenario, t)),
    );
  }
  return group;
}
