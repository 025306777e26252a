/**
 * Watching a finished run back: the same channels, chat and dashboards as the incident screen,
 * read-only, with play, pause, speed and a scrubber over the run's game time. At the end it shows
 * the score the engine gives the replayed run, which is the run's own score.
 */
import { score, shownEnding } from '../../engine';
import {
  goTo,
  leaveReplay,
  REPLAY_SPEEDS,
  replayNames,
  scenarioRoleName,
  seekReplay,
  setReplayPlaying,
  setReplaySpeed,
  type GameStore,
} from '../../store';
import { el, setAttr, setText, syncList, type View } from '../dom';
import { clockOf, formatDuration, VERDICT_WORD } from '../format';
import { channelList } from '../incident/channel-list';
import { chatView } from '../incident/chat-view';
import { createIncidentUi } from '../incident/incident-ui';
import { worldPanel } from '../incident/world-panel';

export function replayScreen(store: GameStore): View {
  const { run, replay } = store.getState();
  if (!run || !replay) {
    return {
      element: el(
        'main',
        { className: 'page' },
        el('h1', {}, 'Nothing to replay'),
        el('button', { className: 'primary', attrs: { type: 'button' }, on: { click: () => goTo(store, 'select') } }, 'Choose a scenario'),
      ),
    };
  }
  const { scenario } = run;
  const ui = createIncidentUi(scenario);
  const clock = el('time', { className: 'clock', attrs: { 'aria-label': 'Replay time' } });
  const play = el('button', {
    className: 'ghost',
    attrs: { type: 'button' },
    on: { click: () => setReplayPlaying(store, !store.getState().replay?.playing) },
  });
  const speeds = REPLAY_SPEEDS.map((s) =>
    el(
      'button',
      {
        className: 'ghost speed',
        attrs: { type: 'button', 'aria-pressed': 'false', 'aria-label': `Replay speed ${s}×` },
        on: { click: () => setReplaySpeed(store, s) },
      },
      `${s}×`,
    ),
  );
  const scrubber = el('input', {
    className: 'scrubber',
    attrs: { type: 'range', min: '0', max: String(replay.end), step: String(scenario.clock.tickSeconds), 'aria-label': 'Replay position' },
  });
  scrubber.addEventListener('input', () => seekReplay(store, Number(scrubber.value)));
  const toEnd = el(
    'button',
    { className: 'ghost', attrs: { type: 'button' }, on: { click: () => seekReplay(store, store.getState().replay?.end ?? 0) } },
    'Jump to the end',
  );
  const bar = el(
    'header',
    { className: 'top-bar replay-bar' },
    el('div', { className: 'brand', attrs: { 'aria-hidden': 'true' } }, 'F'),
    el('div', { className: 'when' }, el('span', { className: 'day' }, 'Replay'), clock),
    el(
      'div',
      { className: 'controls' },
      play,
      el('div', { className: 'speeds', attrs: { role: 'group', 'aria-label': 'Replay speed' } }, ...speeds),
      toEnd,
    ),
    scrubber,
    el('button', { className: 'ghost', attrs: { type: 'button' }, on: { click: () => leaveReplay(store, 'debrief') } }, 'Debrief'),
    el('button', { className: 'ghost', attrs: { type: 'button' }, on: { click: () => leaveReplay(store, 'select') } }, 'Leave'),
  );

  const scoreLine = el('p', { className: 'replay-score', attrs: { role: 'status' } });
  const done = el('ol', { className: 'done-list', attrs: { 'aria-label': 'What they did' } });
  const channels = channelList(store, ui);
  // A team run file's players: the chat and the list of what was done name them as the team debrief does.
  const names = replayNames(scenario, replay);
  const seat = (id: string) => replay.team?.roster.find((s) => s.id === id);
  const chat = chatView(store, ui, (id) => {
    const s = seat(id);
    return s ? { name: s.name, role: scenarioRoleName(scenario, s.role) } : undefined;
  });
  const world = worldPanel(store);
  const origin =
    replay.source === 'link' ? 'Opened from a replay link.' : replay.source === 'file' ? 'Opened from a run file.' : 'Your own run.';
  const element = el(
    'div',
    { className: 'incident-screen replay-screen' },
    bar,
    el(
      'div',
      { className: 'incident-body' },
      channels.element,
      el(
        'main',
        { className: 'conversation', attrs: { 'aria-label': 'Conversation' } },
        el('h1', { className: 'visually-hidden' }, `Replay: ${scenario.title}`),
        chat.element,
      ),
      el(
        'aside',
        { className: 'side', attrs: { 'aria-label': 'Dashboards and progress' } },
        world.element,
        el(
          'section',
          { className: 'replay-panel', attrs: { 'aria-label': 'Replay progress' } },
          el('h2', { className: 'small-heading' }, scenario.title),
          el('p', { className: 'muted' }, origin),
          scoreLine,
          el('h3', {}, 'What they did'),
          done,
        ),
      ),
    ),
  );

  const update = () => {
    const { run: current, replay: r } = store.getState();
    if (!current || !r) return;
    const { state } = current;
    setText(clock, clockOf(scenario, state.time, true));
    setText(play, r.playing ? '❚❚ Pause' : state.time >= r.end ? '↻ Play again' : '▶ Play');
    setAttr(play, 'aria-label', r.playing ? 'Pause the replay' : 'Play the replay');
    speeds.forEach((b, i) => setAttr(b, 'aria-pressed', String(REPLAY_SPEEDS[i] === r.speed)));
    if (document.activeElement !== scrubber || Number(scrubber.value) !== state.time) scrubber.value = String(state.time);
    setAttr(
      scrubber,
      'aria-valuetext',
      `${clockOf(scenario, state.time, true)}, ${formatDuration(state.time)} of ${formatDuration(r.end)}`,
    );
    if (state.time >= r.end) {
      const card = score(scenario, state);
      const ending = shownEnding(scenario, state)?.title;
      setText(scoreLine, `Replay finished${ending ? `: ${ending}` : ''}. Score ${card.total}/100, grade ${card.grade}.`);
    } else if (!current.log.some((e) => e.at <= state.time && e.input.type !== 'inject' && e.input.type !== 'hint')) {
      // Nothing done yet is nothing to grade: a score here would judge a run that has not started
      // (a facilitator's inject or hint is not the players acting).
      setText(scoreLine, 'No score yet: the player has not acted.');
    } else {
      const card = score(scenario, state);
      setText(scoreLine, `Score so far: ${card.total}/100 (grade ${card.grade}).`);
    }
    syncList(
      done,
      state.done,
      (d) => `${d.at}:${d.action}`,
      (d) =>
        el(
          'li',
          { className: `verdict-${d.verdict}` },
          el('time', {}, clockOf(scenario, d.at)),
          ` ${scenario.actions.find((a) => a.id === d.action)?.label ?? d.action} — ${VERDICT_WORD[d.verdict]}`,
          names ? el('span', { className: 'done-by muted' }, ` — ${names[d.player] ?? d.player}`) : null,
        ),
      () => {},
    );
  };
  update();
  const unsubscribe = store.subscribe(update);
  return {
    element,
    destroy: () => {
      unsubscribe();
      for (const part of [channels, chat, world]) part.destroy?.();
    },
  };
}
