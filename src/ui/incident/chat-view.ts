/**
 * The open channel: its messages (the newest 150, so a long incident never grows the page without
 * bound), questions with their reply buttons, and who is typing.
 */
import type { ChatPost } from '../../engine';
import type { Scenario } from '../../format';
import { dispatch, type GameStore } from '../../store';
import { el, setText, syncList, type View } from '../dom';
import { channelLabel, characterOf, clockOf } from '../format';
import { markRead, postsIn, type IncidentUi } from './incident-ui';

export const CHAT_WINDOW = 150;
const TYPING_LEAD_SECONDS = 8;

/** Who a player id is when the scenario's characters do not say: a team run file's seats, for its replay. */
export type SeatLookup = (id: string) => { name: string; role: string } | undefined;

export function chatView(store: GameStore, ui: IncidentUi, seats?: SeatLookup): View {
  const title = el('h2', { className: 'chat-title', attrs: { id: 'chat-title' } });
  const topic = el('p', { className: 'chat-topic' });
  const earlier = el('p', { className: 'earlier muted' });
  const list = el('ol', { className: 'posts', attrs: { 'aria-labelledby': 'chat-title' } });
  // The log role sits on a wrapper: on the list itself it would hide the list semantics of its items.
  const scroller = el('div', { className: 'post-scroller', attrs: { role: 'log', 'aria-labelledby': 'chat-title' } }, earlier, list);
  const typing = el('p', { className: 'typing', attrs: { 'aria-live': 'off' } });
  const element = el(
    'section',
    { className: 'chat', attrs: { 'aria-labelledby': 'chat-title' } },
    el('div', { className: 'chat-head' }, title, topic),
    scroller,
    typing,
  );
  let shownChannel = '';

  const update = () => {
    const run = store.getState().run;
    if (!run) return;
    const { scenario, state } = run;
    const { channel } = ui.getState();
    const info = scenario.channels.find((c) => c.id === channel);
    setText(title, channelLabel(scenario, channel));
    setText(topic, info?.topic ?? '');
    const posts = postsIn(state, channel);
    const shown = posts.slice(-CHAT_WINDOW);
    setText(earlier, posts.length > shown.length ? `${posts.length - shown.length} earlier messages are not shown.` : '');
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const switched = shownChannel !== channel;
    if (switched) list.replaceChildren();
    shownChannel = channel;
    syncList(
      list,
      shown,
      (p) => p.id,
      (p) => postElement(scenario, p, ui.getState().perspective.player, seats),
      (node, p) => updateAsk(store, ui, scenario, node, p, seats),
    );
    if (atBottom || switched) scroller.scrollTop = scroller.scrollHeight;
    markRead(ui, state, channel);
    setText(typing, typingText(scenario, state.time, state.posted, channel));
  };
  update();
  const off = [store.subscribe(update), ui.subscribe((now, before) => now.channel !== before.channel && update())];
  return { element, destroy: () => off.forEach((f) => f()) };
}

/** A post; `self` is this screen's player, whose own posts are set apart (a teammate's are not). */
function postElement(scenario: Scenario, post: ChatPost, self: string, seats?: SeatLookup): HTMLElement {
  const who = personOf(scenario, post.from, seats);
  const avatar = el('div', { className: 'avatar', attrs: { 'aria-hidden': 'true' } }, who.name.charAt(0).toUpperCase());
  avatar.style.backgroundColor = who.color;
  const author = el('span', { className: 'author' }, who.name);
  author.style.color = who.color;
  return el(
    'li',
    {
      className: `post importance-${post.importance}${post.mentionsPlayer ? ' mention' : ''}${post.byPlayer && post.from === self ? ' mine' : ''}${post.allClear ? ' all-clear' : ''}`,
    },
    avatar,
    el(
      'div',
      { className: 'post-body' },
      el(
        'div',
        { className: 'post-head' },
        author,
        el('span', { className: 'role' }, who.role),
        el('time', {}, clockOf(scenario, post.at)),
      ),
      el('p', { className: 'post-text' }, post.text),
      el('div', { className: 'ask' }),
    ),
  );
}

/** A character of the scenario, else a seat of the run (keeping the player's colour), else the solo player. */
function personOf(scenario: Scenario, id: string, seats?: SeatLookup): { name: string; role: string; color: string } {
  const seat = scenario.characters.some((c) => c.id === id) ? undefined : seats?.(id);
  return seat ? { ...seat, color: scenario.player.color } : characterOf(scenario, id);
}

function updateAsk(store: GameStore, ui: IncidentUi, scenario: Scenario, node: HTMLElement, post: ChatPost, seats?: SeatLookup): void {
  const holder = node.querySelector<HTMLElement>('.ask')!;
  const ask = post.ask;
  const state = !ask
    ? 'none'
    : ask.answer
      ? `answered:${ask.answer.choice}`
      : ask.ignored
        ? 'ignored'
        : ask.superseded
          ? 'superseded'
          : 'open';
  if (holder.dataset.state === state) return;
  holder.dataset.state = state;
  node.classList.toggle('awaiting-reply', state === 'open');
  const replies = scenario.messages.find((m) => m.id === post.message)?.asks?.replies ?? [];
  const who = characterOf(scenario, post.from).name;
  const { perspective } = ui.getState();
  // A replay takes no answers; in a game day, a role that may not answer says why.
  const forbidden = store.getState().replay ? '' : perspective.reply();
  if (state === 'open' && forbidden !== null) {
    holder.replaceChildren(
      el(
        'p',
        { className: 'ask-note' },
        'Waiting for a reply…',
        forbidden ? el('span', { className: 'why is-reason' }, ` ${forbidden}`) : null,
      ),
    );
  } else if (state === 'open') {
    holder.replaceChildren(
      el(
        'div',
        { className: 'replies', attrs: { role: 'group', 'aria-label': `Reply to ${who}` } },
        ...replies.map((r) =>
          el(
            'button',
            {
              className: 'reply',
              attrs: { type: 'button', title: r.text },
              on: { click: () => dispatch(store, { type: 'reply', message: post.id, choice: r.id }) },
            },
            r.label,
          ),
        ),
      ),
    );
  } else if (state.startsWith('answered')) {
    const label = replies.find((r) => r.id === ask?.answer?.choice)?.label ?? '';
    const by = ask?.answer?.player;
    const answerer = by === undefined || by === perspective.player ? 'You' : personOf(scenario, by, seats).name;
    holder.replaceChildren(el('p', { className: 'ask-note' }, `${answerer} answered: ${label}`));
  } else if (state === 'ignored') {
    holder.replaceChildren(el('p', { className: 'ask-note warn' }, 'Nobody answered this.'));
  } else if (state === 'superseded') {
    holder.replaceChildren(el('p', { className: 'ask-note' }, 'Asked again below.'));
  } else holder.replaceChildren();
}

/** "Bea is typing…" shortly before a scheduled message in this channel, like a real chat. */
function typingText(scenario: Scenario, now: number, posted: Record<string, unknown>, channel: string): string {
  const soon = scenario.messages.find(
    (m) =>
      m.channel === channel &&
      m.at !== undefined &&
      m.when === undefined &&
      m.at > now &&
      m.at <= now + TYPING_LEAD_SECONDS &&
      !(m.id in posted),
  );
  return soon ? `${characterOf(scenario, soon.from).name} is typing…` : '';
}
