/**
 * What a run's ending is told as. An ending may carry variants, each with a condition: the first
 * whose condition holds in the state the run ended in gives the title and text shown, so an ending
 * claims no more than that run shows. Every view (the ending dialog, the debrief, the replay, the
 * postmortem, the CLI, the explorer) reads the ending through `shownEnding`, never from the scenario.
 */
import type { Scenario } from '../format/schema';
import { holds } from './conditions';
import type { EngineState, Ending } from './types';
import { worldOf } from './world';

/** The ending a run reached, as it is told. */
export interface ShownEnding extends Ending {
  title: string;
  text: string;
  /** Index of the variant told, or null for the ending's own title and text. */
  variant: number | null;
}

/**
 * The ending of a finished run with the title and text to show, or null while it is still going.
 * Nothing changes in a state after its ending, so the variants are judged on the state as it ended.
 * An ending the scenario does not define (a scenario without a timeout ending that timed out) is
 * told by its id.
 */
export function shownEnding(scenario: Scenario, state: EngineState): ShownEnding | null {
  const ending = state.ending;
  if (!ending) return null;
  const def = scenario.endings.find((e) => e.id === ending.id);
  if (!def) return { ...ending, title: ending.id, text: '', variant: null };
  const world = worldOf(scenario);
  const variants = def.variants ?? [];
  const index = variants.findIndex((v) => holds(world, state, v.when));
  if (index < 0) return { ...ending, title: def.title, text: def.text, variant: null };
  const variant = variants[index]!;
  return { ...ending, title: variant.title ?? def.title, text: variant.text, variant: index };
}
