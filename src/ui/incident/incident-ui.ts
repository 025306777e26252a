/**
 * What the incident screen remembers about itself — which channel is open, what has been read,
 * which tab and evidence are showing. View state only; the game's state lives in the game store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineState } from '../../engine';
import type { Scenario } from '../../format';
import { SOLO, type Perspective } from './perspective';

export type Tab = 'actions' | 'evidence' | 'notes';

export interface IncidentUiState {
  channel: string;
  /** Channel id → how many of its posts have been seen. */
  read: Record<string, number>;
  tab: Tab;
  evidence: string | null;
  /** Evidence ids uncovered but not opened yet. */
  evidenceSeen: Record<string, true>;
  /** Who is looking, and what they may do from here; fixed for the screen's life. */
  perspective: Perspective;
  /** What the last Skip ahead passed over, until the player acts. */
  skipped: string | null;
}

export type IncidentUi = StoreApi<IncidentUiState>;

export function createIncidentUi(scenario: Scenario, perspective: Perspective = SOLO): IncidentUi {
  const first = scenario.channels.find((c) => c.kind === 'incident') ?? scenario.channels[0]!;
  return createStore<IncidentUiState>()(() => ({
    channel: first.id,
    read: {},
    tab: 'actions',
    evidence: null,
    evidenceSeen: {},
    perspective,
    skipped: null,
  }));
}

export function postsIn(state: EngineState, channel: string) {
  return state.chat.filter((p) => p.channel === channel);
}

export function unreadIn(ui: IncidentUiState, state: EngineState, channel: string): { count: number; mention: boolean } {
  const posts = postsIn(state, channel);
  const fresh = posts.slice(ui.read[channel] ?? 0).filter((p) => !p.byPlayer);
  return { count: fresh.length, mention: fresh.some((p) => p.mentionsPlayer || p.importance === 'critical') };
}

export function markRead(ui: IncidentUi, state: EngineState, channel: string): void {
  const count = postsIn(state, channel).length;
  const current = ui.getState();
  if (current.read[channel] !== count) ui.setState({ read: { ...current.read, [channel]: count } });
}
