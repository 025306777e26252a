/** The debrief (first pass): the ending, the grade, every point with its reason, the lessons and the expert path. */
import { DIMENSIONS, score, type ScoreReason } from '../../engine';
import { goTo, startRun, type GameStore } from '../../store';
import { el, type View } from '../dom';
import { clockOf } from '../format';

const DIMENSION_TITLE = {
  stabilise: 'Stabilise',
  diagnose: 'Diagnose',
  remediate: 'Fix',
  verify: 'Verify',
  communicate: 'Communicate',
  composure: 'Composure',
} as const;

export function debriefScreen(store: GameStore): View {
  const run = store.getState().run;
  if (!run) return { element: el('main', { className: 'page' }, el('h1', {}, 'Nothing to debrief yet'), el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } }, 'Choose a scenario')) };
  const { scenario, state } = run;
  const card = score(scenario, state);
  const ending = state.ending ? scenario.endings.find((e) => e.id === state.ending!.id) : undefined;
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
    ending ? el('p', { className: 'ending-text' }, ending.text) : null,
    el(
      'div',
      { className: 'grade-row' },
      el('div', { className: `grade grade-${card.grade}`, attrs: { 'aria-label': `Grade ${card.grade}` } }, card.grade),
      el('p', { className: 'total' }, el('strong', {}, `${card.total}`), ' / 100'),
      el(
        'ul',
        { className: 'dimension-bars', attrs: { 'aria-label': 'Score by dimension' } },
        ...DIMENSIONS.map((d) => {
          const bar = el('span', { className: 'fill' });
          bar.style.width = `${card.dimensions[d].score}%`;
          return el('li', {}, el('span', { className: 'name' }, DIMENSION_TITLE[d]), el('span', { className: 'bar', attrs: { 'aria-hidden': 'true' } }, bar), el('span', { className: 'value' }, String(card.dimensions[d].score)));
        }),
      ),
    ),
    el('h2', {}, 'Why, point by point'),
    el(
      'div',
      { className: 'reasons' },
      ...DIMENSIONS.map((d) =>
        el(
          'section',
          { className: 'card', attrs: { 'aria-labelledby': `dim-${d}` } },
          el('h3', { attrs: { id: `dim-${d}` } }, `${DIMENSION_TITLE[d]}: ${card.dimensions[d].score}`),
          el('ol', { className: 'reason-list' }, ...card.dimensions[d].reasons.map(reasonItem)),
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
        ...scenario.expertPath.map((s) => el('li', {}, el('time', {}, clockOf(scenario, s.at)), ' ', el('strong', {}, scenario.actions.find((a) => a.id === s.action)?.label ?? s.action), ` — ${s.why}`)),
      ),
    ),
    el('section', { className: 'card', attrs: { 'aria-labelledby': 'lessons-title' } }, el('h2', { attrs: { id: 'lessons-title' } }, 'Lessons'), el('ul', { className: 'lessons' }, ...scenario.lessons.map((l) => el('li', {}, l.text)))),
    el(
      'div',
      { className: 'start-row' },
      el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => startRun(store) } }, 'Play again'),
      el('button', { className: 'secondary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } }, 'Choose another scenario'),
    ),
  );
  return { element };
}
