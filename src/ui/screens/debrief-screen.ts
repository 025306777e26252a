/**
 * The debrief: the ending and grade, three things to do differently, the annotated timeline with
 * the expert path as a ghost, every point with its reason, the lessons, and the ways to take the run
 * away (postmortem, run file, replay link).
 */
import { DIMENSIONS, limitText, score, shownEnding, suggestions, worthText, type ScoreReason } from '../../engine';
import { goTo, openReplay, replayNames, scenarioRoleName, startRun, type GameStore } from '../../store';
import { contributionList } from '../debrief/contributions';
import { exportPanel } from '../debrief/exports';
import { timelineFigure } from '../debrief/timeline';
import { el, type View } from '../dom';
import { clockOf, formatDuration } from '../format';

const DIMENSION_TITLE = {
  stabilise: 'Stabilise',
  diagnose: 'Diagnose',
  remediate: 'Fix',
  verify: 'Verify',
  communicate: 'Communicate',
  composure: 'Composure',
} as const;

/** What the debrief offers besides the run's story; team mode leaves out what belongs to solo play. */
export interface DebriefOptions {
  /** The export panel: postmortem, run file and replay link of a solo run (default on). */
  exports?: boolean;
  /** The row with "Play again", "Watch the replay" and "Choose another scenario" (default on). */
  playAgain?: boolean;
  /** A team's run: player id → "Name (Role)", so the timeline says who did what. */
  names?: Readonly<Record<string, string>>;
}

export function debriefScreen(store: GameStore, options: DebriefOptions = {}): View {
  const { exports = true, playAgain = true } = options;
  const run = store.getState().run;
  if (!run)
    return {
      element: el(
        'main',
        { className: 'page' },
        el('h1', {}, 'Nothing to debrief yet'),
        el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } }, 'Choose a scenario'),
      ),
    };
  const { scenario, state } = run;
  const { replay } = store.getState();
  // A team run file opened here names its players as the team debrief does, and shows what each role did.
  const fileTeam = options.names ? undefined : replay?.team;
  const names = options.names ?? replayNames(scenario, replay);
  const roleOf = (role: string) => scenarioRoleName(scenario, role);
  const card = score(scenario, state);
  const advice = suggestions(scenario, card);
  const watch = () =>
    openReplay(
      store,
      { scenario, options: run.options, log: run.log, end: state.ending?.at ?? state.time, ...(replay?.team ? { team: replay.team } : {}) },
      replay?.source ?? 'own',
    );
  const ending = shownEnding(scenario, state);
  const reasonItem = (r: ScoreReason) =>
    el(
      'li',
      { className: r.points > 0 ? 'plus' : r.points < 0 ? 'minus' : 'zero' },
      el('span', { className: 'points' }, r.points > 0 ? `+${r.points}` : String(r.points)),
      el('time', {}, clockOf(scenario, r.at)),
      el('span', {}, r.text),
    );
  const element = el(
    'main',
    { className: 'debrief-screen page' },
    el('p', { className: 'eyebrow' }, scenario.title),
    el('h1', {}, ending ? ending.title : 'Debrief'),
    ending?.text ? el('p', { className: 'ending-text' }, ending.text) : null,
    replay && replay.source !== 'own'
      ? el(
          'p',
          { className: 'muted' },
          replay.source === 'link'
            ? 'This run came from a replay link; its score is the engine’s own replay of it.'
            : 'This run came from a run file; its score is the engine’s own replay of it.',
        )
      : null,
    el(
      'div',
      { className: 'grade-row' },
      el('div', { className: `grade grade-${card.grade}`, attrs: { 'aria-label': `Grade ${card.grade}` } }, card.grade),
      el(
        'div',
        {},
        el('p', { className: 'total' }, el('strong', {}, `${card.total}`), ' / 100'),
        el('p', { className: 'total-explained muted' }, card.averageExplained),
        card.limits.length > 0
          ? el(
              'ul',
              { className: 'limits', attrs: { 'aria-label': 'Limits on the total' } },
              ...card.limits.map((l) => el('li', {}, limitText(l))),
            )
          : null,
      ),
      el(
        'ul',
        { className: 'dimension-bars', attrs: { 'aria-label': 'Score by dimension' } },
        ...DIMENSIONS.map((d) => {
          const bar = el('span', { className: 'fill' });
          bar.style.width = `${card.dimensions[d].score}%`;
          return el(
            'li',
            {},
            el('span', { className: 'name' }, DIMENSION_TITLE[d]),
            el('span', { className: 'bar', attrs: { 'aria-hidden': 'true' } }, bar),
            el('span', { className: 'value' }, String(card.dimensions[d].score)),
          );
        }),
      ),
    ),
    fileTeam
      ? el(
          'section',
          { className: 'card team-contributions', attrs: { 'aria-label': 'Each role’s contributions' } },
          el('h2', {}, 'Each role’s contributions'),
          contributionList(scenario, state, fileTeam.roster, roleOf),
        )
      : null,
    el(
      'section',
      { className: 'card advice', attrs: { 'aria-labelledby': 'advice-title' } },
      el('h2', { attrs: { id: 'advice-title' } }, advice.length > 0 ? 'Next time, try this' : 'Next time'),
      el(
        'p',
        { className: 'muted' },
        'Coaching for you, the player. The postmortem lists it apart from its action items, which are fixes to the system.',
      ),
      advice.length > 0
        ? el(
            'ol',
            { className: 'advice-list' },
            ...advice.map((a) => el('li', {}, `${a.text} `, el('span', { className: 'muted' }, worthText(a)))),
          )
        : el('p', {}, 'Nothing to change: this is how it is done. Try a harder scenario, or this one with the coach off.'),
    ),
    el(
      'figure',
      { className: 'card timeline', attrs: { 'aria-labelledby': 'timeline-title' } },
      el(
        'figcaption',
        {},
        el('h2', { attrs: { id: 'timeline-title' } }, 'Timeline'),
        el(
          'p',
          { className: 'muted' },
          `${clockOf(scenario, 0)}–${clockOf(scenario, state.ending?.at ?? state.time)}, ${formatDuration(state.ending?.at ?? state.time)} of game time. ${names ? 'The team’s actions and messages, each with who it was' : 'Your actions and messages'}, the expert’s path as a ghost, and every scoring reason pinned where it happened. Hover a mark for details; the full list is below.`,
        ),
      ),
      timelineFigure(scenario, state, card.reasons, names),
      el(
        'ul',
        { className: 'legend', attrs: { 'aria-label': 'Legend' } },
        el('li', {}, el('span', { className: 'key impact' }), 'Users affected'),
        el('li', {}, el('span', { className: 'key action' }), 'Your action (colour: its outcome)'),
        el('li', {}, el('span', { className: 'key ghost' }), 'Expert path'),
        el('li', {}, el('span', { className: 'key plus' }), 'Points won'),
        el('li', {}, el('span', { className: 'key minus' }), 'Points lost'),
      ),
    ),
    el(
      'section',
      { attrs: { 'aria-labelledby': 'why-title' } },
      el('h2', { attrs: { id: 'why-title' } }, 'Why, point by point'),
      el(
        'div',
        { className: 'reasons' },
        ...DIMENSIONS.map((d) =>
          el(
            'section',
            { className: 'card', attrs: { 'aria-labelledby': `dim-${d}` } },
            el('h3', { attrs: { id: `dim-${d}` } }, `${DIMENSION_TITLE[d]}: ${card.dimensions[d].score}`),
            el('ol', { className: 'reason-list' }, ...card.dimensions[d].reasons.map(reasonItem)),
            card.dimensions[d].note ? el('p', { className: 'muted dimension-note' }, card.dimensions[d].note) : null,
          ),
        ),
      ),
    ),
    el(
      'section',
      { className: 'card', attrs: { 'aria-labelledby': 'expert-title' } },
      el('h2', { attrs: { id: 'expert-title' } }, 'What an experienced engineer would have done'),
      el(
        'ol',
        { className: 'expert-path' },
        ...scenario.expertPath.map((s) =>
          el(
            'li',
            {},
            el('time', {}, clockOf(scenario, s.at)),
            ' ',
            el('strong', {}, scenario.actions.find((a) => a.id === s.action)?.label ?? s.action),
            ` — ${s.why}`,
          ),
        ),
      ),
    ),
    el(
      'section',
      { className: 'card', attrs: { 'aria-labelledby': 'lessons-title' } },
      el('h2', { attrs: { id: 'lessons-title' } }, 'Lessons'),
      el('ul', { className: 'lessons' }, ...scenario.lessons.map((l) => el('li', {}, l.text))),
    ),
    exports ? exportPanel(run, fileTeam ? { roster: fileTeam.roster, roleOf } : undefined).element : null,
    playAgain
      ? el(
          'div',
          { className: 'start-row' },
          el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => startRun(store) } }, 'Play again'),
          el('button', { className: 'secondary', attrs: { type: 'button' }, on: { click: watch } }, 'Watch the replay'),
          el(
            'button',
            { className: 'secondary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } },
            'Choose another scenario',
          ),
        )
      : null,
  );
  return { element };
}
