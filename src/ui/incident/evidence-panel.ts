/**
 * Evidence the player has uncovered: a list, and a viewer. Logs can be filtered by level and
 * searched; diffs show additions and removals.
 */
import type { Evidence } from '../../format';
import type { GameStore } from '../../store';
import { el, setText, syncList, type View } from '../dom';
import { clockOf } from '../format';
import type { IncidentUi } from './incident-ui';

const KIND_LABEL: Record<Evidence['kind'], string> = {
  log: 'Logs',
  diff: 'Diff',
  migration: 'Migration',
  dashboard: 'Dashboard',
  runbook: 'Runbook',
  query: 'Query',
  note: 'Note',
};
const LEVELS = ['all', 'error', 'warn', 'info'] as const;
type Level = (typeof LEVELS)[number];

export function levelOf(line: string): Exclude<Level, 'all'> | null {
  const match = /\b(ERROR|FATAL|CRIT(?:ICAL)?|WARN(?:ING)?|INFO|DEBUG)\b/i.exec(line);
  if (!match) return null;
  const word = match[1]!.toUpperCase();
  if (word.startsWith('WARN')) return 'warn';
  if (word === 'INFO' || word === 'DEBUG') return 'info';
  return 'error';
}

export function evidencePanel(store: GameStore, ui: IncidentUi): View {
  const empty = el('p', { className: 'muted' }, 'Nothing uncovered yet. Investigate actions reveal logs, diffs and dashboards here.');
  const list = el('ul', { className: 'evidence-list', attrs: { 'aria-label': 'Uncovered evidence' } });
  const viewer = el('div', { className: 'evidence-viewer' });
  const element = el('div', { className: 'evidence' }, empty, list, viewer);
  let open: string | null = null;

  const update = () => {
    const run = store.getState().run;
    if (!run) return;
    const { scenario, state } = run;
    const uncovered = scenario.evidence.filter((e) => state.seen[e.id] !== undefined).sort((a, b) => state.seen[b.id]! - state.seen[a.id]!);
    empty.hidden = uncovered.length > 0;
    const { evidence: selected, evidenceSeen } = ui.getState();
    syncList(
      list,
      uncovered,
      (e) => e.id,
      (e) =>
        el(
          'li',
          {},
          el(
            'button',
            {
              className: 'evidence-item',
              attrs: { type: 'button', 'data-evidence': e.id },
              on: { click: () => ui.setState({ evidence: e.id, evidenceSeen: { ...ui.getState().evidenceSeen, [e.id]: true } }) },
            },
            el('span', { className: 'kind' }, KIND_LABEL[e.kind]),
            el('span', { className: 'evidence-title' }, e.title),
            el('time', {}, clockOf(scenario, state.seen[e.id]!)),
          ),
        ),
      (node, e) => {
        node.querySelector('button')!.classList.toggle('is-new', !evidenceSeen[e.id]);
        node.querySelector('button')!.setAttribute('aria-current', String(selected === e.id));
      },
    );
    if (selected !== open) {
      open = selected;
      const item = scenario.evidence.find((e) => e.id === selected && state.seen[e.id] !== undefined);
      viewer.replaceChildren(item ? evidenceViewer(item, () => ui.setState({ evidence: null })) : '');
      list.hidden = Boolean(item);
      if (item) viewer.querySelector<HTMLElement>('h3')?.focus();
    }
  };
  update();
  const off = [store.subscribe(update), ui.subscribe(update)];
  return { element, destroy: () => off.forEach((f) => f()) };
}

function evidenceViewer(item: Evidence, close: () => void): HTMLElement {
  const lines = el('ol', { className: `evidence-lines kind-${item.kind}`, attrs: { 'aria-label': item.title } });
  const count = el('p', { className: 'muted count', attrs: { 'aria-live': 'polite' } });
  let level: Level = 'all';
  let query = '';
  const render = () => {
    const q = query.trim().toLowerCase();
    const shown = item.body.filter((line) => (level === 'all' || levelOf(line) === level) && (q === '' || line.toLowerCase().includes(q)));
    lines.replaceChildren(...shown.map((text) => lineElement(item, text, q)));
    setText(count, q || level !== 'all' ? `${shown.length} of ${item.body.length} lines` : `${item.body.length} lines`);
  };
  const tools: HTMLElement[] = [];
  if (item.kind === 'log') {
    const select = el(
      'select',
      { attrs: { 'aria-label': 'Log level' }, on: { change: () => ((level = select.value as Level), render()) } },
      ...LEVELS.map((l) => el('option', { attrs: { value: l } }, l === 'all' ? 'All levels' : l.toUpperCase())),
    );
    tools.push(select);
  }
  const search = el('input', {
    attrs: { type: 'search', placeholder: 'Search', 'aria-label': `Search ${item.title}` },
    on: { input: () => ((query = search.value), render()) },
  });
  tools.push(search);
  const heading = el('h3', { attrs: { tabindex: '-1' } }, item.title);
  const viewer = el(
    'div',
    { className: 'viewer', attrs: { role: 'region', 'aria-label': item.title } },
    el(
      'div',
      { className: 'viewer-head' },
      el('button', { className: 'ghost', attrs: { type: 'button' }, on: { click: close } }, '← All evidence'),
      heading,
    ),
    el('div', { className: 'viewer-tools' }, ...tools, count),
    el('div', { className: 'lines-scroller' }, lines),
  );
  viewer.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  render();
  return viewer;
}

function lineElement(item: Evidence, text: string, query: string): HTMLElement {
  const li = el('li', {});
  if (item.kind === 'diff' || item.kind === 'migration') {
    if (text.startsWith('+')) li.className = 'add';
    else if (text.startsWith('-')) li.className = 'del';
    else if (text.startsWith('@@')) li.className = 'hunk';
  } else if (item.kind === 'log') {
    const level = levelOf(text);
    if (level) li.className = `level-${level}`;
  }
  if (!query) {
    li.textContent = text;
    return li;
  }
  // Highlight matches with <mark> elements built from text pieces, never from HTML.
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(query); at !== -1; at = lower.indexOf(query, from)) {
    li.append(text.slice(from, at), el('mark', {}, text.slice(at, at + query.length)));
    from = at + query.length;
  }
  li.append(text.slice(from));
  return li;
}
