/** Page entry. For now a title screen listing the bundled scenarios; the game screens come next. */
import { bundledScenarios } from './scenarios';
import { el } from './ui/dom';

const app = document.getElementById('app')!;
const { scenarios, problems } = bundledScenarios();

app.replaceChildren(
  el(
    'main',
    {},
    el('h1', {}, 'Fire', el('span', {}, 'drill')),
    el('p', { className: 'tagline' }, 'Practise production incidents before they practise on you.'),
    el('h2', {}, 'Scenarios'),
    ...scenarios.map((s) =>
      el(
        'article',
        { className: 'card', attrs: { 'aria-labelledby': `scenario-${s.id}` } },
        el('h3', { attrs: { id: `scenario-${s.id}` } }, s.title),
        el('p', { className: 'meta' }, `${s.difficulty} · about ${s.estimatedMinutes} minutes`),
        el('p', {}, s.summary),
        el('ul', { className: 'lessons', attrs: { 'aria-label': 'Lessons' } }, ...s.lessons.map((l) => el('li', {}, l.text))),
      ),
    ),
    problems.length > 0 ? el('p', { attrs: { role: 'alert' } }, `${problems.length} scenario problem(s): ${problems[0]!.message}`) : null,
    el('p', { className: 'meta' }, 'The playable incident screen is under construction. Meanwhile, play headless: npx firedrill play scenarios/friday-deploy.json --actions scenarios/scripts/friday-deploy/methodical.json'),
  ),
);
