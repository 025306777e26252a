/**
 * Golden replays: every shipped test plan played through the engine, reduced to a digest of its
 * timeline and score. Pinned in test/unit/golden-replays.json, they fail loudly when a change alters
 * any replay (the world-tick order, an effect, a scoring rule); `npm run golden` re-pins them once
 * the change is meant.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadShipped, playShippedScript, scenariosDir, shippedScenarioFiles } from './flagship';

export const GOLDEN_FILE = join(import.meta.dirname, '..', 'golden-replays.json');

export interface Golden {
  /** What a person reads in a diff: the ending, the score and the grade. */
  summary: string;
  /** sha-256 of the whole timeline and every score reason. */
  digest: string;
}

export function goldenReplays(): Record<string, Golden> {
  const out: Record<string, Golden> = {};
  for (const file of shippedScenarioFiles().sort()) {
    const scenario = loadShipped(file);
    const dir = join(scenariosDir, 'scripts', scenario.id);
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const run = playShippedScript(scenario, `${scenario.id}/${name}`);
      const card = run.score;
      const reasons = card.reasons.map((r) => [r.dimension, r.code, r.points, r.at]);
      const digest = createHash('sha256')
        .update(JSON.stringify({ timeline: run.state.timeline, reasons, limits: card.limits, total: card.total }))
        .digest('hex');
      const ending = run.state.ending ? `${run.state.ending.id} at ${run.state.ending.at} s` : 'no ending';
      out[`${scenario.id}@${scenario.version}/${name}`] = {
        summary: `${ending}, ${card.total}/100 ${card.grade}, ${run.state.timeline.length} events`,
        digest,
      };
    }
  }
  return out;
}
