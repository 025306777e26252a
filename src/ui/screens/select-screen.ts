/**
 * Scenario select: cards with what each scenario teaches and your best result, the coach setting,
 * loading a scenario file, and opening a run file someone exported.
 */
import { addScenario, goTo, openReplay, selectScenario, type GameStore } from '../../store';
import type { Diagnostic, Scenario } from '../../format';
import { el, syncList, type View } from '../dom';
import { coachPicker } from '../coach-picker';

const DIFFICULTY = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' } as const;

export function selectScreen(store: GameStore): View {
  const cards = el('div', { className: 'cards' });
  const problems = el('div', { className: 'load-problems', attrs: { 'aria-live': 'polite' } });
  const fileInput = el('input', { attrs: { type: 'file', accept: '.json,application/json', id: 'scenario-file' } });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) await loadFile(store, file, problems);
    fileInput.value = '';
  });
  const dropZone = el(
    'div',
    { className: 'drop-zone' },
    el('label', { className: 'button secondary', attrs: { for: 'scenario-file' } }, 'Load a scenario file…'),
    fileInput,
    el('span', { className: 'muted' }, 'or drop a .json file here'),
  );
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', async (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) await loadFile(store, file, problems);
  });
  const runProblems = el('div', { className: 'load-problems', attrs: { 'aria-live': 'polite' } });
  const runInput = el('input', { attrs: { type: 'file', accept: '.json,application/json', id: 'run-file' } });
  runInput.addEventListener('change', async () => {
    const file = runInput.files?.[0];
    if (file) await openRunFile(store, file, runProblems);
    runInput.value = '';
  });
  const runZone = el(
    'div',
    { className: 'drop-zone' },
    el('label', { className: 'button secondary', attrs: { for: 'run-file' } }, 'Open a run file…'),
    runInput,
    el('span', { className: 'muted' }, 'a run exported from a debrief: it opens at its debrief and replays'),
  );
  const coach = coachPicker(store);
  const element = el(
    'main',
    { className: 'select-screen page' },
    el(
      'div',
      { className: 'page-head' },
      el('button', { className: 'ghost back', attrs: { type: 'button' }, on: { click: () => goTo(store, 'title') } }, '← Back'),
      el('h1', {}, 'Choose an incident'),
    ),
    cards,
    coach.element,
    el(
      'section',
      { className: 'load', attrs: { 'aria-labelledby': 'load-heading' } },
      el('h2', { attrs: { id: 'load-heading' } }, 'Your own scenario'),
      dropZone,
      problems,
    ),
    el(
      'section',
      { className: 'load', attrs: { 'aria-labelledby': 'run-heading' } },
      el('h2', { attrs: { id: 'run-heading' } }, 'A finished run'),
      runZone,
      runProblems,
    ),
  );
  const update = () => {
    const { scenarios, progress } = store.getState();
    if (scenarios.length === 0) {
      cards.replaceChildren(el('p', { className: 'muted', attrs: { role: 'status' } }, 'Loading scenarios…'));
      return;
    }
    syncList(
      cards,
      scenarios,
      (s) => `${s.id}@${s.version}`,
      (s) => scenarioCard(store, s, progress.scenarios[s.id]),
      () => {},
    );
  };
  update();
  const unsubscribe = store.subscribe((now, before) => {
    if (now.scenarios !== before.scenarios || now.progress !== before.progress) {
      cards.replaceChildren();
      update();
    }
  });
  return {
    element,
    destroy: () => {
      unsubscribe();
      coach.destroy?.();
    },
  };
}

function scenarioCard(
  store: GameStore,
  s: Scenario,
  best: { bestScore: number; bestGrade: string; completed: number } | undefined,
): HTMLElement {
  const headingId = `card-${s.id}`;
  return el(
    'article',
    { className: 'card scenario-card', attrs: { 'aria-labelledby': headingId } },
    el('h2', { attrs: { id: headingId } }, s.title),
    el('p', { className: 'meta' }, `${DIFFICULTY[s.difficulty]} · about ${s.estimatedMinutes} minutes`),
    el('p', {}, s.summary),
    el('h3', { className: 'small-heading' }, 'You will learn'),
    el('ul', { className: 'lessons', attrs: { 'aria-label': 'Lessons' } }, ...s.lessons.map((l) => el('li', {}, l.text))),
    el(
      'p',
      { className: 'best' },
      best ? `Best result: ${best.bestGrade} (${best.bestScore}/100) · played ${best.completed}×` : 'Not played yet',
    ),
    el(
      'button',
      {
        className: 'primary',
        attrs: { type: 'button', 'aria-label': `Choose ${s.title}` },
        on: {
          click: () => {
            selectScenario(store, s.id);
            goTo(store, 'briefing');
          },
        },
      },
      'Choose',
    ),
  );
}

async function loadFile(store: GameStore, file: File, problems: HTMLElement): Promise<void> {
  const [text, { loadScenario }] = await Promise.all([file.text(), import('../../authoring')]);
  const result = loadScenario(text, file.name);
  if (result.ok) {
    addScenario(store, result.scenario);
    const warnings = result.diagnostics.length;
    problems.replaceChildren(
      el(
        'p',
        { className: 'ok-note' },
        `Loaded “${result.scenario.title}”. It is now in the list above.${warnings > 0 ? ` ${warnings} warning${warnings === 1 ? '' : 's'} to look at:` : ''}`,
      ),
      ...(warnings > 0 ? [diagnosticList(result.diagnostics, 'Warnings about the scenario file')] : []),
    );
    return;
  }
  problems.replaceChildren(
    el('h3', {}, `${file.name} has ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'}`),
    diagnosticList(result.diagnostics, 'Problems in the scenario file'),
  );
}

function diagnosticList(diagnostics: readonly Diagnostic[], label: string): HTMLElement {
  return el(
    'ul',
    { className: 'diagnostics', attrs: { 'aria-label': label } },
    ...diagnostics.map((d) =>
      el(
        'li',
        { className: `severity-${d.severity}` },
        el('code', {}, `${d.file}:${d.line}:${d.column}`),
        ' ',
        el('strong', {}, `${d.code} ${d.severity}`),
        ` ${d.message}`,
        el('span', { className: 'hint' }, d.hint),
      ),
    ),
  );
}

async function openRunFile(store: GameStore, file: File, problems: HTMLElement): Promise<void> {
  const [text, { importRun }] = await Promise.all([file.text(), import('../../debrief')]);
  const result = await importRun(text, store.getState().scenarios);
  if (!result.ok) {
    problems.replaceChildren(el('p', { className: 'load-error' }, `${file.name} was refused. ${result.error.message}`));
    return;
  }
  problems.replaceChildren();
  openReplay(
    store,
    {
      scenario: result.scenario,
      options: result.record.options,
      log: result.record.log,
      end: result.record.time,
      ...(result.record.team ? { team: result.record.team } : {}),
    },
    'file',
    'end',
  );
}
