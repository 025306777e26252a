/** The connection line of team mode: "Reconnecting…" while the page finds its way back, then "Back in your seat". */
import { connectionStatus } from '../../store/team/reconnect';
import { mySeat, type TeamStore } from '../../store/team-session';
import { el, setAttr, setText, type View } from '../dom';

export function connectionLine(team: TeamStore): View {
  const status = connectionStatus(team);
  const element = el('p', { className: 'team-connection', attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Connection' } });
  let ticker: ReturnType<typeof setInterval> | null = null;
  const update = () => {
    const s = status.getState();
    setAttr(element, 'data-state', s.state);
    element.hidden = s.state === 'online';
    if (s.state === 'reconnecting') {
      const wait = s.nextAt === null ? 0 : Math.max(0, Math.ceil((s.nextAt - Date.now()) / 1000));
      const next = s.nextAt === null ? 'trying now' : `next try in ${wait} s`;
      setText(element, `Reconnecting… The connection to the game day dropped; ${next}${s.attempt > 0 ? ` (tried ${s.attempt}×)` : ''}.`);
    } else if (s.state === 'back') {
      const where = mySeat(team) ? 'Back in your seat' : team.getState().as === 'watcher' ? 'Back on the projector' : 'Back at the console';
      setText(element, `${where}: you have caught up with everything you missed.`);
    } else if (s.state === 'lost') {
      setText(element, `Could not reconnect${s.detail ? `: ${s.detail}` : ''}.`);
    } else setText(element, '');
    // While waiting, count the seconds down.
    if (s.state === 'reconnecting' && ticker === null) ticker = setInterval(update, 1000);
    if (s.state !== 'reconnecting' && ticker !== null) {
      clearInterval(ticker);
      ticker = null;
    }
  };
  update();
  const off = status.subscribe(update);
  return {
    element,
    destroy: () => {
      off();
      if (ticker !== null) clearInterval(ticker);
    },
  };
}
